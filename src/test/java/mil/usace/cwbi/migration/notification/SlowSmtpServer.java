package mil.usace.cwbi.migration.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server for the benchmark that takes {@link #delayMillis} to accept each message (after the
 * DATA terminator), like a slow or overloaded relay. 0 = a normal, fast server. {@link #hung()}: a server that
 * accepts the TCP connection and never says a word.
 */
final class SlowSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger received = new AtomicInteger();
  volatile long delayMillis;
  private volatile boolean silent;
  private final AtomicInteger connections = new AtomicInteger();

  /** Accepts connections and never answers: no greeting, no reply, the socket held open until closed. */
  static SlowSmtpServer hung() throws IOException {
    SlowSmtpServer s = new SlowSmtpServer();
    s.silent = true;
    return s;
  }

  /** TCP connections accepted so far. */
  int connections() {
    return connections.get();
  }

  SlowSmtpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "slow-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  int received() {
    return received.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "slow-smtp-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    if (silent) {
      try (s; var in = s.getInputStream()) {
        while (in.read() != -1) {
          // swallow whatever the client sends; answer nothing
        }
      } catch (IOException e) {
        // the client gave up
      }
      return;
    }
    try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
        StandardCharsets.US_ASCII)); OutputStream out = s.getOutputStream()) {
      reply(out, "220 slow-smtp ready");
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
        switch (cmd) {
          case "EHLO", "HELO" -> reply(out, "250 slow-smtp");
          case "DATA" -> {
            reply(out, "354 end with .");
            while ((line = in.readLine()) != null && !line.equals(".")) {
              // message body: discarded
            }
            Thread.sleep(delayMillis);
            received.incrementAndGet();
            reply(out, "250 accepted");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "250 ok");
        }
      }
    } catch (IOException | InterruptedException e) {
      // session ends
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
