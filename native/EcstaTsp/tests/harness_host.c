/* The driver script (run-wine-tests.sh) watches the state folder for host-stop / host-start files:
 * that is how the harness takes the host away and brings it back. */
#include <stdio.h>

#include "harness.h"

int host_request(const char *what) {
  char dir[MAX_PATH], path[MAX_PATH + 32];
  DWORD n = GetEnvironmentVariableA("ECSTA_STATE_DIR", dir, sizeof(dir));
  if (n == 0 || n >= sizeof(dir)) return 0;
  snprintf(path, sizeof(path), "%s\\host-%s", dir, what);
  FILE *f = fopen(path, "w");
  if (f == NULL) return 0;
  fputs(what, f);
  fclose(f);
  return 1;
}
