/* Finding the host: its state folder holds api-token and bridge-endpoint (docs/bridge-protocol.md); the
 * endpoint must be a loopback address (127.0.0.0/8 or ::1), like the host's listener.
 * The folder: %ECSTA_STATE_DIR% (tests), else HKLM\SOFTWARE\Ecsta\StateDirectory, else %ProgramData%\Ecsta. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsp.h"
#include "wstr.h"

static int state_dir(WCHAR *dir, DWORD chars) {
  DWORD n = GetEnvironmentVariableW(L"ECSTA_STATE_DIR", dir, chars);
  if (n > 0 && n < chars) return 1;
  DWORD bytes = chars * sizeof(WCHAR);
  if (RegGetValueW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Ecsta", L"StateDirectory", RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ,
                   NULL, dir, &bytes) == ERROR_SUCCESS && dir[0] != 0) {
    return 1;
  }
  n = GetEnvironmentVariableW(L"ProgramData", dir, chars);
  if (n == 0 || n >= chars) return 0;
  if (wcslen(dir) + 7 >= chars) return 0;
  wcscat(dir, L"\\Ecsta");
  return 1;
}

/* Reads a small text file; trims surrounding white space. */
static int read_small_file(const WCHAR *dir, const WCHAR *name, char *out, size_t out_size) {
  WCHAR path[MAX_PATH * 2];
  if (wcslen(dir) + wcslen(name) + 2 >= sizeof(path) / sizeof(path[0])) return 0;
  wcscpy(path, dir);
  wcscat(path, L"\\");
  wcscat(path, name);
  HANDLE f = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL, NULL);
  if (f == INVALID_HANDLE_VALUE) return 0;
  DWORD got = 0;
  BOOL ok = ReadFile(f, out, (DWORD)(out_size - 1), &got, NULL);
  CloseHandle(f);
  if (!ok) return 0;
  out[got] = 0;
  size_t start = 0, end = got;
  while (start < end && (out[start] == ' ' || out[start] == '\t' || out[start] == '\r' || out[start] == '\n')) start++;
  while (end > start && (out[end - 1] == ' ' || out[end - 1] == '\t' || out[end - 1] == '\r' || out[end - 1] == '\n')) end--;
  memmove(out, out + start, end - start);
  out[end - start] = 0;
  return end > start;
}

int config_read(char *token, size_t token_size, char *host, size_t host_size, unsigned short *port) {
  WCHAR dir[MAX_PATH];
  char endpoint[128];
  if (!state_dir(dir, MAX_PATH)) return -1;
  if (!read_small_file(dir, L"api-token", token, token_size)) return -2;
  if (!read_small_file(dir, L"bridge-endpoint", endpoint, sizeof(endpoint))) return -3;
  /* "127.0.0.1:5472" (an IPv6 endpoint "[::1]:5472" is accepted too). */
  char *colon = strrchr(endpoint, ':');
  if (colon == NULL || colon == endpoint) return -4;
  *colon = 0;
  char *end = NULL;
  unsigned long p = strtoul(colon + 1, &end, 10);
  if (end == colon + 1 || *end != 0 || p == 0 || p > 65535) return -4;
  const char *h = endpoint;
  size_t hl = strlen(h);
  if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
    endpoint[hl - 1] = 0;
    h = endpoint + 1;
  }
  if (strlen(h) + 1 > host_size) return -4;
  /* Only loopback: the token goes to that address, so a tampered file must not send it off the machine. */
  if (strcmp(h, "::1") != 0 && strncmp(h, "127.", 4) != 0) return -5;
  strcpy(host, h);
  *port = (unsigned short)p;
  return 0;
}
