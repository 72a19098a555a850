/* Built against an installed precheck: checks one submission through the C API (and writes
 * the HTML report to argv[2] when given). */
#include <stdio.h>
#include <string.h>

#include <precheck/precheck.h>

int main(int argc, char** argv) {
  char* error = NULL;
  precheck_engine* engine = precheck_engine_new(NULL, 1, &error);
  if (!engine) {
    fprintf(stderr, "engine: %s\n", error);
    precheck_free(error);
    return 1;
  }
  const char* paths[] = {argv[1]};
  /* With a second argument, the HTML report is written there too. */
  char* json =
      argc > 2
          ? precheck_check_html(engine, paths, 1, NULL, "2025-06-30", 1, argv[2], &error)
          : precheck_check_json(engine, paths, argc > 1 ? 1 : 0, NULL, "2025-06-30", 1, &error);
  if (!json) {
    fprintf(stderr, "check: %s\n", error);
    precheck_free(error);
    precheck_engine_free(engine);
    return 1;
  }
  int ok = strstr(json, "\"schema\": \"precheck.report/1\"") != NULL;
  printf("%s version %s, %zu bytes of JSON\n", ok ? "ok" : "bad", precheck_version(), strlen(json));
  precheck_free(json);
  precheck_engine_free(engine);
  return ok ? 0 : 1;
}
