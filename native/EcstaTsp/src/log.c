/* Diagnostics: OutputDebugString (DebugView, tapisrv under a debugger), and a file when
 * ECSTA_TSP_LOG names one (tests). Never logs the token. */
#include <stdarg.h>
#include <stdio.h>

#include "tsp.h"

void tsp_log(const char *fmt, ...) {
  char line[1024];
  int n = snprintf(line, sizeof(line), "ecsta.tsp[%lu]: ", (unsigned long)GetCurrentThreadId());
  if (n < 0 || (size_t)n >= sizeof(line)) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
  va_end(ap);
  OutputDebugStringA(line);
  char path[MAX_PATH];
  DWORD len = GetEnvironmentVariableA("ECSTA_TSP_LOG", path, sizeof(path));
  if (len > 0 && len < sizeof(path)) {
    FILE *f = fopen(path, "a");
    if (f != NULL) {
      fprintf(f, "%s\n", line);
      fclose(f);
    }
  }
}
