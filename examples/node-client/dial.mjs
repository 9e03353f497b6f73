// Ecsta application API example: dial a number from a line, print the call's states, and (with --dtmf) send DTMF
// digits once the call is connected (lineGenerateDigits).
// Plain Node.js 20+, no packages, no build step. Node 20 needs --experimental-websocket (Node 22+ does not).
//
//   node --experimental-websocket dial.mjs --line 1010 +4930123456
//   node --experimental-websocket dial.mjs --url ws://127.0.0.1:5470/tapi --token TOKEN --line 0 1020
//   node --experimental-websocket dial.mjs --line 0 --dtmf "1234#" 1020
//
// The token comes from --token, else $ECSTA_TOKEN, else the api-token file beside the default configuration
// (~/.config/ecsta/api-token on Linux). Node's built-in WebSocket cannot set headers, so the token travels as the
// ?access_token= query (see docs/application-api.md, "Access").

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

function usage(message) {
  console.error(message);
  console.error("usage: node --experimental-websocket dial.mjs [--url URL] [--token TOKEN] [--dtmf DIGITS] --line LINE NUMBER");
  process.exit(2);
}

const args = process.argv.slice(2);
const options = { url: "ws://127.0.0.1:5470/tapi", token: process.env.ECSTA_TOKEN, line: undefined, dtmf: undefined };
const rest = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--url") options.url = args[++i];
  else if (args[i] === "--token") options.token = args[++i];
  else if (args[i] === "--line") options.line = args[++i];
  else if (args[i] === "--dtmf") options.dtmf = args[++i];
  else rest.push(args[i]);
}
const number = rest[0];
if (!options.line || !number) usage("give --line and NUMBER");
if (!options.token) {
  const folder = process.env.XDG_CONFIG_HOME ? join(process.env.XDG_CONFIG_HOME, "ecsta") : join(homedir(), ".config", "ecsta");
  try {
    options.token = readFileSync(join(folder, "api-token"), "utf8").trim();
  } catch {
    usage("no token: pass --token, set ECSTA_TOKEN, or run the host once so it writes api-token");
  }
}
if (typeof WebSocket === "undefined") usage("this Node has no WebSocket: run it with --experimental-websocket (Node 20) or use Node 22+");

// A minimal JSON-RPC 2.0 client over one WebSocket.
const socket = new WebSocket(`${options.url}?access_token=${encodeURIComponent(options.token)}`);
let nextId = 1;
const pending = new Map();
const handlers = {};

function call(method, params) {
  const id = nextId++;
  socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.id !== undefined && pending.has(message.id)) {
    const { resolve, reject } = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) reject(new Error(message.error.data?.lineErr ?? message.error.message));
    else resolve(message.result);
  } else if (message.method) {
    handlers[message.method]?.(message.params);
  }
});
socket.addEventListener("close", (event) => {
  if (event.code === 1006) console.error("connection refused or lost (wrong token or no host?)");
  process.exit(event.code === 1000 ? 0 : 1);
});
await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));

const devices = await call("lineGetDevices", {});
const device = devices.find((d) => d.number === options.line) ?? devices.find((d) => String(d.deviceId) === options.line);
if (!device) usage(`no line ${options.line}; lines: ${devices.map((d) => `${d.deviceId} (${d.number})`).join(", ")}`);

const { hLine } = await call("lineOpen", { deviceId: device.deviceId, privileges: "OWNER" });
let hCall = 0;
handlers.ASYNC_COMPLETION = (p) => console.log(`request ${p.requestId}: ${p.resultName}`);
handlers.LINE_CALLSTATE = (p) => {
  if (p.hCall !== hCall) return;
  const state = p.names.param2 ? `${p.names.param1}/${p.names.param2}` : p.names.param1;
  console.log(`call ${p.hCall}: ${state}`);
  if (p.names.param1 === "CONNECTED" && options.dtmf) {
    const digits = options.dtmf;
    options.dtmf = undefined; // once
    call("lineGenerateDigits", { hCall, digits, digitMode: 2 })
      .then((r) => console.log(`sending DTMF ${digits}: request ${r.requestId}`))
      .catch((error) => console.error(`lineGenerateDigits failed: ${error.message}`));
  }
  if (p.names.param1 === "IDLE") socket.close(1000);
};

try {
  const reply = await call("lineMakeCall", { hLine, destAddress: number });
  hCall = reply.hCall;
  console.log(`dialling ${number} from line ${device.deviceId} (${device.number}): call ${hCall}, request ${reply.requestId}; Ctrl+C to stop`);
} catch (error) {
  console.error(`lineMakeCall failed: ${error.message}`);
  process.exit(1);
}
process.on("SIGINT", () => socket.close(1000));
