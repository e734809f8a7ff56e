package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** logback.xml keeps the lines a user cannot act on quiet; --verbose brings them back but never the VK SDK's. */
class LogLevelsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    /** The product's logback.xml (the test class path also holds other modules' logback-test.xml, which would win). */
    @BeforeEach
    void loadTheProductsConfiguration() throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogLevelsTest.class.getResource("/logback.xml"));
    }

    @AfterEach
    void restoreTheTestConfiguration() throws Exception {
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void quietByDefaultVerboseBringsDetailsBackButNotTheVkSdk() {
        Logger database = context.getLogger("org.facesearch.store.EmbeddedDatabase");
        assertFalse(database.isInfoEnabled(), "the embedded database's start/stop lines are quiet by default");
        assertFalse(context.getLogger("org.facesearch.cluster.SampleTraining").isInfoEnabled());
        LogLevels.verbose();
        assertTrue(database.isInfoEnabled());
        assertTrue(context.getLogger("org.facesearch.crawl").isDebugEnabled());
        assertEquals(Level.OFF, context.getLogger("com.vk.api.sdk").getLevel(), "its lines carry request URLs with tokens");
    }
}
