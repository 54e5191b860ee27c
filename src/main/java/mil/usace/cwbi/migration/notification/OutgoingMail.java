package mil.usace.cwbi.migration.notification;

/** One rendered message to one recipient: what a delivery job sends. */
public record OutgoingMail(String to, String subject, String text, String html) {}
