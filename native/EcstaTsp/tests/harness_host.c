/* The driver script (run-wine-tests.sh) watches the state folder for host-stop / host-start files:
 * that is how the harness takes the host away and brings it back. */
#include <stdio.h>

#include "harness.h"

static int write_request(const char *what, const char *content) {
  char dir[MAX_PATH], path[MAX_PATH + 32], tmp[MAX_PATH + 40];
  DWORD n = GetEnvironmentVariableA("ECSTA_STATE_DIR", dir, sizeof(dir));
  if (n == 0 || n >= sizeof(dir)) return 0;
  snprintf(path, sizeof(path), "%s\\host-%s", dir, what);
  snprintf(tmp, sizeof(tmp), "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  if (f == NULL) return 0;
  fputs(content, f);
  fclose(f);
  return MoveFileExA(tmp, path, MOVEFILE_REPLACE_EXISTING) != 0; /* the script sees it whole */
}

int host_cli_dial(const char *line, const char *number) {
  char content[128];
  snprintf(content, sizeof(content), "%s %s", line, number);
  return write_request("dial", content);
}

int host_request(const char *what) { return write_request(what, what); }
