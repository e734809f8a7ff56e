package org.facesearch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * {@code --verbose}: brings back the details {@code logback.xml} keeps quiet by default. Our own loggers go to
 * DEBUG, libraries and the embedded database's start/stop lines that are kept at WARN go to INFO. Loggers switched
 * OFF stay off (the VK SDK's would print request URLs, which carry tokens).
 */
final class LogLevels {
    private LogLevels() {
    }

    static void verbose() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() == Level.WARN) logger.setLevel(Level.INFO);
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("org.facesearch").setLevel(Level.DEBUG);
    }
}
