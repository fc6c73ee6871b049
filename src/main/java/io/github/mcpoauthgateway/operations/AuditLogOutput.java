package io.github.mcpoauthgateway.operations;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sends the audit logger to standard output alone, one message per line with nothing
 * around it, so that each line is one JSON object that a log pipeline (CloudWatch Logs
 * Insights, Loki, jq) parses as it is. Every other logger keeps Spring Boot's format.
 */
final class AuditLogOutput {

	private static final Log logger = LogFactory.getLog(AuditLogOutput.class);

	private static final String APPENDER = "MCP_AUDIT";

	private AuditLogOutput() {
	}

	/**
	 * Routes the audit logger to its own console appender; with another logging system
	 * than Logback, the lines keep that system's format.
	 */
	static void configure() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			logger.info("Audit lines use the log format of " + factory.getClass().getName());
			return;
		}
		Logger audit = context.getLogger(AuditLog.LOGGER);
		if (audit.getAppender(APPENDER) != null) {
			return;
		}
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%msg%n");
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
		appender.setContext(context);
		appender.setName(APPENDER);
		appender.setEncoder(encoder);
		appender.start();
		audit.addAppender(appender);
		audit.setAdditive(false);
		if (audit.getLevel() == null) {
			// logging.level.mcp.audit=off still switches it off.
			audit.setLevel(Level.INFO);
		}
	}

}
