package dev.locket.bench;

/** One HTTP request of a scenario; the body is pre-serialised so that no JSON work is timed. */
public record Request(String method, String target, String token, byte[] body) {

    public static Request get(String target, String token) {
        return new Request("GET", target, token, null);
    }
}
