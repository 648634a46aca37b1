package dev.locket.domain.collection;

/** One token kind's signing secret and lifetime in seconds; the secret never leaves the server. */
public record TokenConfig(String secret, long duration) {
}
