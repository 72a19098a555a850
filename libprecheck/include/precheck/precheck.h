/* The C API of libprecheck, for callers in C, Java (JNA/FFM), Go (cgo) or Python (ctypes).
 *
 * An engine is created once and may be shared by threads. A check returns the report as a
 * JSON string (schema precheck.report/1, docs/report.md) that the caller frees with
 * precheck_free. No function prints or aborts; failures come back as NULL with a message. */

#ifndef PRECHECK_PRECHECK_H_
#define PRECHECK_PRECHECK_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef struct precheck_engine precheck_engine;

/* Creates an engine. data_dir: folder with templates/ and rules/, or NULL for the default.
 * workers: pages read at once; 0 or less means 1. On failure returns NULL and, when error is not
 * NULL, sets *error to a message the caller frees with precheck_free. */
precheck_engine* precheck_engine_new(const char* data_dir, int workers, char** error);

/* Frees an engine. NULL is allowed. */
void precheck_engine_free(precheck_engine* engine);

/* Checks the submissions at paths[0..count) and returns the JSON report, or NULL with
 * *error set. domain and as_of (YYYY-MM-DD) may be NULL; redact non-zero masks ID and phone
 * numbers. Thread-safe for one engine. */
char* precheck_check_json(const precheck_engine* engine, const char* const* paths, int count,
                          const char* domain, const char* as_of, int redact, char** error);

/* As precheck_check_json, and also writes the HTML report (docs/report.md) to html_path:
 * the defects marked on pictures of the pages, which go to a folder beside it named after
 * it ("out/r.html" -> "out/r_pages/", made when missing). With redact, the pictures black out
 * the fields read as ID or phone numbers. Returns the JSON report, or NULL with *error set. */
char* precheck_check_html(const precheck_engine* engine, const char* const* paths, int count,
                          const char* domain, const char* as_of, int redact, const char* html_path,
                          char** error);

/* Frees a string returned by this API. NULL is allowed. */
void precheck_free(char* text);

/* The library version, e.g. "0.1.0". Not to be freed. */
const char* precheck_version(void);

#ifdef __cplusplus
}
#endif

#endif /* PRECHECK_PRECHECK_H_ */
