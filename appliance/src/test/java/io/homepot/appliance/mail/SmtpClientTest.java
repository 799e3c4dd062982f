package io.homepot.appliance.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain-socket SMTP client against a real SMTP server (GreenMail on a free loopback port). */
class SmtpClientTest {
    GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    MailConfig config(List<String> to) {
        return new MailConfig(true, "127.0.0.1", smtp.getSmtp().getPort(), "homepot@site.example", to, Duration.ofSeconds(5));
    }

    @Test
    void deliversUnicodeSubjectAndBodyToEveryRecipient() throws Exception {
        SmtpClient c = new SmtpClient(config(List.of("a@site.example", "b@site.example")), Clock.systemUTC());
        String subject = "[HOMEPOT] Daily Health Report - TH Sensor (Server Room) 35.2 °C – a very long subject line that needs folding";
        String body = "Line one\n.starts with a dot\n..two dots\n\nTemperature 35.2 °C, München\n.\nend";
        c.send(new MailMessage("homepot@site.example", List.of("a@site.example", "b@site.example"), subject, body));
        assertTrue(smtp.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(2, got.length);
        for (MimeMessage m : got) {
            assertEquals(subject, m.getSubject());
            assertEquals(body, m.getContent());
            assertEquals(2, m.getRecipients(Message.RecipientType.TO).length);
            assertEquals("homepot@site.example", m.getFrom()[0].toString());
            assertTrue(m.getContentType().startsWith("text/plain"), m.getContentType());
        }
    }

    @Test
    void dotStuffingAndHeaderEncoding() {
        assertEquals("..a\r\nb\r\n..c", SmtpClient.dotStuff(".a\r\nb\r\n.c"));
        assertEquals("plain ascii", SmtpClient.encodeHeader("plain ascii"));
        String enc = SmtpClient.encodeHeader("Température");
        assertTrue(enc.startsWith("=?UTF-8?B?") && enc.endsWith("?="), enc);
        assertThrows(IllegalArgumentException.class, () -> new MailMessage("a@b.c", List.of("x@y.z\r\nRCPT TO:<evil@x>"), "s", "b"));
    }

    @Test
    void mailerCountsSuccessAndFailure() throws Exception {
        Mailer ok = new Mailer(config(List.of("ops@site.example")), Clock.systemUTC());
        assertTrue(ok.send("[HOMEPOT] Weekly Site Report - Building A", "body"));
        assertTrue(smtp.waitForIncomingEmail(5000, 1));
        assertEquals("[HOMEPOT] Weekly Site Report - Building A", smtp.getReceivedMessages()[0].getSubject());
        assertEquals(1, ok.stats().sent());

        int port = smtp.getSmtp().getPort();
        smtp.stop();
        Mailer down = new Mailer(new MailConfig(true, "127.0.0.1", port, "homepot@site.example", List.of("ops@site.example"),
                Duration.ofSeconds(2)), Clock.systemUTC());
        assertFalse(down.send("subject", "body"));
        assertEquals(1, down.stats().failed());
        assertTrue(down.stats().lastError().contains("127.0.0.1:" + port), down.stats().lastError());
        smtp.start();
    }

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new MailConfig(true, "", 25, "a@b.c", List.of("x@y.z"), null));
        assertThrows(IllegalArgumentException.class, () -> new MailConfig(true, "h", 25, "a@b.c", List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new MailConfig(false, "h", 70000, "a@b.c", List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new MailConfig(false, "h", 25, "not-an-address", List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new MailConfig(false, "h", 25, "a@b.c", List.of("bad"), null));
        assertEquals(List.of("a@b.c", "d@e.f"), MailConfig.parseRecipients(" a@b.c; d@e.f ,"));
    }
}
