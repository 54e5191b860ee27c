package mil.usace.cwbi.migration.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Real HTTP to our own pages as a browser or script would call them: anonymous, HTTP Basic or a webapp session. */
public final class PageHttp {

  private final String baseUrl;
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  public PageHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A request to {@code path} with optional headers given as name, value, name, value ... */
  public HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        b.header(headers[i], headers[i + 1]);
      }
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The cookies a response set, as a Cookie header ("" when none). */
  public static String cookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
        .collect(Collectors.joining("; "));
  }

  /** Logs in to Tasklist as its page does (session and CSRF token first); the session's Cookie header. */
  public String tasklistSession(String user, String password) throws Exception {
    HttpResponse<String> page = send("GET", "/camunda/app/tasklist/default/");
    String cookies = cookies(page);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(
            URI.create(baseUrl + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookies)
        .header("X-XSRF-TOKEN", page.headers().firstValue("X-XSRF-TOKEN").orElseThrow())
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new AssertionError("Tasklist log-in of " + user + ": HTTP " + login.statusCode() + " " + login.body());
    }
    // the log-in may renew the session id
    String renewed = cookies(login);
    if (renewed.isEmpty()) {
      return cookies;
    }
    List<String> names = List.of(renewed.split("; ")).stream().map(c -> c.split("=", 2)[0]).toList();
    String kept = List.of(cookies.split("; ")).stream().filter(c -> !names.contains(c.split("=", 2)[0]))
        .collect(Collectors.joining("; "));
    return kept.isEmpty() ? renewed : kept + "; " + renewed;
  }
}
