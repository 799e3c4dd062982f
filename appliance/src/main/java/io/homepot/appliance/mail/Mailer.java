package io.homepot.appliance.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends plain-text mails to the configured recipients through {@link SmtpClient}, counting successes and
 * failures. A failure is logged and reported to the caller; it never affects what was already stored.
 */
public final class Mailer {
    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());
    private final MailConfig config;
    private final SmtpClient client;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastError;
    private volatile Instant lastSent;

    public Mailer(MailConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = new SmtpClient(config, clock);
    }

    /** Delivery counters for status pages. */
    public record Stats(boolean enabled, String server, int recipients, long sent, long failed, Instant lastSent,
                        String lastError) {
    }

    public MailConfig config() {
        return config;
    }

    /** Sends {@code subject}/{@code body} to every configured recipient; false (and logged) on failure. */
    public boolean send(String subject, String body) {
        if (!config.enabled()) {
            return false;
        }
        try {
            client.send(new MailMessage(config.from(), config.recipients(), subject, body));
            sent.incrementAndGet();
            lastSent = clock.instant();
            return true;
        } catch (SmtpException | RuntimeException e) {
            failed.incrementAndGet();
            lastError = e.getMessage();
            LOG.log(Level.WARNING, "Report mail '" + subject + "' not delivered: " + e.getMessage());
            return false;
        }
    }

    public Stats stats() {
        return new Stats(config.enabled(), config.host() + ":" + config.port(), config.recipients().size(), sent.get(),
                failed.get(), lastSent, lastError);
    }
}
