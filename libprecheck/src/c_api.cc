// The C API over the engine.
