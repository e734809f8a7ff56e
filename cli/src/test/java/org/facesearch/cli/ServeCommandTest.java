package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code facesearch serve} on a port another process holds: one line saying so, exit 1, nothing loaded first. */
class ServeCommandTest {
    @TempDir
    Path home;

    @Test
    void aPortInUseIsAOneLineErrorAndExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandLine cli = Main.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            int code = Main.execute(cli, "serve", "--port", String.valueOf(taken.getLocalPort()), "--home", home.toString());
            assertEquals(FaceSearchCommand.EXIT_FAILURE, code);
            String message = err.toString().strip();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("facesearch: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"), message);
        }
    }
}
