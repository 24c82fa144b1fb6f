package dev.governor.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Passwords keeps people's passwords as bcrypt hashes, never as text: a password is 12 to 64
 * characters and at most 72 bytes in UTF-8 (all bcrypt reads), hashed with a fresh salt at cost
 * {@link #COST}; checking one takes as long whether or not it matches.
 */
public final class Passwords {

    /** bcrypt's cost: 2^12 rounds, a few hundred milliseconds a hash on this 2-core machine. */
    static final int COST = 12;
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 64;
    /** bcrypt reads at most this many bytes of a password. */
    static final int MAX_BYTES = 72;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** The bcrypt hash of {@code password}, or invalid_password when it is too short or too long. */
    public static String hash(char[] password) {
        check(password);
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    /** Whether {@code password} is the one {@code hash} was made from; false for no hash at all. */
    public static boolean matches(char[] password, String hash) {
        if (hash == null || password == null || password.length == 0 || password.length > MAX_LENGTH) {
            return false;
        }
        return BCrypt.verifyer().verify(password, hash).verified;
    }

    /** A new random password of 16 characters (96 bits), for a demo user or a reset. */
    public static String newPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Refuses a password shorter than {@link #MIN_LENGTH} or longer than bcrypt reads. */
    public static void check(char[] password) {
        int bytes = password == null ? 0 : StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
        if (password == null || password.length < MIN_LENGTH || password.length > MAX_LENGTH || bytes > MAX_BYTES) {
            throw new Refusal(ErrorCode.INVALID_PASSWORD, "a password is " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters (at most " + MAX_BYTES + " bytes in UTF-8)");
        }
    }
}
