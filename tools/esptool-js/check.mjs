// esptool-js 0.7.0 against the kit's virtual ESP32, as an independent client (./kit test esptool-js):
//   node check.mjs HOST PORT CONTROL_PORT ADDRESS IMG_A IMG_B      four writes, each checked by MD5
//   node check.mjs --bench HOST PORT BYTES ADDRESS                  time of one raw ROM write of BYTES
// Writes: ROM raw (IMG_A), ROM compressed (IMG_B), stub raw (IMG_A), stub compressed (IMG_B), each into ADDRESS;
// the last one leaves IMG_B there. Prints one line per write; exits 1 on the first disagreement.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { ESPLoader, Transport } from "esptool-js";
import { TcpWebSerialPort } from "./tcp-web-serial.mjs";

const quiet = { clean() {}, writeLine() {}, write() {} };
const md5 = (data) => createHash("md5").update(data).digest("hex");

// esptool-js hex-encodes whatever SPI_FLASH_MD5 returned: the stub's 16 raw bytes give the digest, the ROM's 32
// ASCII hex digits give the hex of that text, which is decoded back here.
function deviceMd5(hex, stub) {
  if (stub) return hex;
  return Buffer.from(hex, "hex").toString("ascii").toLowerCase();
}

async function session(host, port, control, stub, work, before = "no_reset") {
  const device = new TcpWebSerialPort(host, port, control);
  const transport = new Transport(device, false);
  const loader = new ESPLoader({ transport, baudrate: stub ? 921600 : 115200, romBaudrate: 115200, terminal: quiet });
  try {
    if (stub) {
      await loader.main(before);
    } else {
      await loader.detectChip(before);
    }
    return await work(loader, device);
  } finally {
    if (stub) await loader.after("no_reset_stub");
    await transport.disconnect();
  }
}

async function write(loader, address, data, compress, stub) {
  const start = process.hrtime.bigint();
  await loader.writeFlash({
    fileArray: [{ data, address }], flashMode: "keep", flashFreq: "keep", flashSize: "keep", eraseAll: false,
    compress, ...(stub ? { calculateMD5Hash: (image) => md5(image) } : {}),
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const got = deviceMd5(await loader.flashMd5sum(address, data.length), stub);
  return { ms, got };
}

async function checks(host, port, control, address, a, b) {
  // The first run resets the device itself: esptool-js's default reset (DTR/RTS) through the shim's control port.
  const runs = [
    { stub: false, compress: false, data: a, before: "default_reset" }, { stub: false, compress: true, data: b },
    { stub: true, compress: false, data: a }, { stub: true, compress: true, data: b },
  ];
  for (const r of runs) {
    const line = await session(host, port, control, r.stub, async (loader, device) => {
      const chip = await loader.chip.getChipDescription(loader);
      const mac = await loader.chip.readMac(loader);
      const flashId = (await loader.readFlashId()).toString(16);
      const { ms, got } = await write(loader, address, r.data, r.compress, r.stub);
      const want = md5(r.data);
      if (got !== want) throw new Error(`MD5 after the write is ${got}, not ${want}`);
      if (!chip.startsWith("ESP32")) throw new Error(`not an ESP32: ${chip}`);
      if (r.before && device.sentControl.join() !== "reset --download") {
        throw new Error(`${r.before}: expected the control port to get "reset --download", got [${device.sentControl}]`);
      }
      return `esptool-js ${r.stub ? "stub" : "ROM "} ${r.compress ? "compressed" : "raw       "}: ${chip}, MAC ${mac}, `
        + `flash id ${flashId}, wrote ${r.data.length} bytes at 0x${address.toString(16)} in ${ms.toFixed(0)} ms, `
        + `MD5 ${got} ok${r.before ? ` (after ${r.before} by DTR/RTS → control: ${device.sentControl.join()})` : ""}`;
    }, r.before);
    console.log(line);
  }
}

async function bench(host, port, bytes, address) {
  const data = new Uint8Array(bytes);
  let x = 12345;
  for (let i = 0; i < bytes; i++) { x = (x * 1103515245 + 12345) >>> 0; data[i] = x >>> 24; }
  for (const stub of [false, true]) {
    const { ms, got } = await session(host, port, null, stub, (loader) => write(loader, address, data, false, stub));
    if (got !== md5(data)) throw new Error(`bench: MD5 after the write is ${got}, not ${md5(data)}`);
    console.log(`esptool-js ${stub ? "stub" : "rom"} raw ${bytes} ${ms.toFixed(1)}`);
  }
}

const args = process.argv.slice(2);
try {
  if (args[0] === "--bench") {
    await bench(args[1], Number(args[2]), Number(args[3]), Number(args[4]));
  } else {
    const [host, port, control, address, imgA, imgB] = args;
    await checks(host, Number(port), Number(control), Number(address), new Uint8Array(readFileSync(imgA)),
      new Uint8Array(readFileSync(imgB)));
  }
  process.exit(0);
} catch (e) {
  console.error("esptool-js check failed: " + (e && e.message ? e.message : e));
  process.exit(1);
}
