// A Web Serial port (the members esptool-js 0.7.0 uses) over one TCP connection to the kit's virtual ESP32
// (./kit device serve). Written for the kit: open() connects, readable/writable carry the socket's bytes,
// setBaudRate() only records the rate (so esptool-js changes baud in place instead of reconnecting), and
// setSignals() turns DTR/RTS into what the board's auto-reset circuit would do and sends that to the device's control
// port, if one was given: when EN rises, the chip samples IO0 a little later (the capacitor on EN), low: download mode,
// high: boot. The delay matters: esptool-js's classic reset passes through DTR=RTS=1 on its way to IO0 low.
import net from "node:net";

export class TcpWebSerialPort {
  constructor(host, port, controlPort = null) {
    this.host = host;
    this.port = port;
    this.controlPort = controlPort;
    this.readable = null;
    this.writable = null;
    this.baudRate = 115200;
    this.lines = { dtr: false, rts: false };
    this.sentControl = [];
  }

  getInfo() {
    return { usbVendorId: 0x10c4, usbProductId: 0xea60 }; // a CP2102, as on most ESP32 dev boards
  }

  async open({ baudRate }) {
    this.baudRate = baudRate;
    const socket = net.connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    await new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    this.socket = socket;
    this.readable = new ReadableStream({
      start(controller) {
        socket.on("data", (chunk) => controller.enqueue(new Uint8Array(chunk)));
        socket.on("end", () => { try { controller.close(); } catch { /* already closed */ } });
        socket.on("error", (e) => { try { controller.error(e); } catch { /* already errored */ } });
      },
    });
    this.writable = new WritableStream({
      write(chunk) {
        return new Promise((resolve, reject) => socket.write(chunk, (e) => (e ? reject(e) : resolve())));
      },
    });
  }

  async setBaudRate(baudRate) {
    this.baudRate = baudRate;
  }

  async setSignals({ dataTerminalReady, requestToSend }) {
    const before = this.lines;
    const now = {
      dtr: dataTerminalReady === undefined ? before.dtr : dataTerminalReady,
      rts: requestToSend === undefined ? before.rts : requestToSend,
    };
    this.lines = now;
    const enLow = (l) => l.rts && !l.dtr;
    const io0Low = (l) => l.dtr && !l.rts;
    if (enLow(before) && !enLow(now) && this.controlPort) {
      this.pendingReset = new Promise((resolve) => setTimeout(resolve, 20))
        .then(() => this.control(io0Low(this.lines) ? "reset --download" : "reset"));
    }
  }

  control(command) {
    this.sentControl.push(command);
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: this.host, port: this.controlPort }, () => s.write(command + "\nquit\n"));
      let reply = "";
      s.on("data", (d) => { reply += d.toString(); });
      s.on("end", () => resolve(reply.trim()));
      s.on("error", reject);
    });
  }

  async close() {
    if (this.socket) this.socket.destroy();
    this.socket = null;
    this.readable = null;
    this.writable = null;
  }
}
