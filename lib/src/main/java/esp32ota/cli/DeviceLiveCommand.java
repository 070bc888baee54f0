package esp32ota.cli;

import java.util.List;

/**
 * {@code ./kit device serve|info|flash|monitor}: the live path, a board (real or the virtual one) on a serial line.
 * {@link DeviceCommand} hands these subcommands here; each is its own class with {@code run(args, console)}.
 */
final class DeviceLiveCommand implements Command {
    @Override public String name() { return "device"; }

    @Override public String summary() { return "device serve|info|flash|monitor: an ESP32 on a serial line (real or virtual)"; }

    @Override public String usage() {
        return """
                usage: ./kit device serve [--port 5555] [--control-port N] [--pty PATH] [--baud-emulation]
                                          [--flash DUMP | --table T --app SLOT=IMG …] [--rollback]
                       ./kit device info PORT [--rollback] [--json] [--baud N]
                       ./kit device flash PORT --slot ota_1 IMG [--switch] [--no-compress] [--rollback] [--baud N]
                       ./kit device flash PORT --slot ota_1 --switch      (select what another tool wrote)
                       ./kit device monitor PORT [--reset] [--control HOST:PORT] [--seconds N] [--json]

                  PORT is a tty path (/dev/ttyUSB0, a pty) or socket://host:port (the virtual ESP32 of serve).
                  serve    the virtual ESP32 in download mode on TCP (and a pty); its control port takes
                           reset, reset --download, status (one a line)
                  info     chip, MAC, flash id, partition table, otadata, every app slot, the predicted next boot
                           (read only)
                  flash    writes IMG into an OTA slot (MD5-checked); --switch then selects it in otadata as
                           esp_ota_set_boot_partition would. Refused before any write: wrong chip, too big, not
                           bootable, not an OTA slot
                  --baud N switch the line after connecting (921600 makes a real board's reads ~8x faster)
                  monitor  the console; --reset resets the board first (RTS on a tty, the control port of
                           socket://host:port, by default port + 1); --json prints the parsed events
                """;
    }

    @Override public int run(List<String> argv, Console console) throws Exception {
        if (argv.isEmpty()) throw new CliException("usage: ./kit device serve|info|flash|monitor … (see ./kit device --help)");
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "serve" -> new DeviceServeCommand().run(rest, console);
            case "info" -> new DeviceInfoCommand().run(rest, console);
            case "flash" -> new DeviceFlashCommand().run(rest, console);
            case "monitor" -> new DeviceMonitorCommand().run(rest, console);
            default -> throw new CliException("unknown device subcommand '" + argv.get(0)
                    + "' (serve, info, flash, monitor)");
        };
    }
}
