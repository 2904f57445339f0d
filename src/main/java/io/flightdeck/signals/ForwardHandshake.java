package io.flightdeck.signals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The forward protocol's shared-key handshake, server side: a HELO with a fresh nonce, the client's PING checked
 * against {@code sha512_hex(shared_key_salt + client_hostname + nonce + shared_key)}, and the PONG digest that lets
 * the client check the server in turn. Stateless apart from the nonce of one connection.
 */
final class ForwardHandshake {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] nonce = new byte[16];
    private final String sharedKey;

    ForwardHandshake(String sharedKey) {
        this.sharedKey = sharedKey;
        RANDOM.nextBytes(nonce);
    }

    byte[] nonce() {
        return nonce.clone();
    }

    /** Whether a PING's digest proves the client knows the shared key. */
    boolean verify(String clientHostname, String salt, String digest) {
        return MessageDigest.isEqual(digest(salt, clientHostname).getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII));
    }

    /** The digest a PONG carries, over the client's salt and this server's hostname. */
    String pongDigest(String salt, String serverHostname) {
        return digest(salt, serverHostname);
    }

    private String digest(String salt, String hostname) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(salt.getBytes(StandardCharsets.UTF_8));
            md.update(hostname.getBytes(StandardCharsets.UTF_8));
            md.update(nonce);
            md.update(sharedKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
