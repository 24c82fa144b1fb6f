package dev.governor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Multipart builds a multipart/form-data body, one file part per entry (part name → content), as curl -F does. */
public final class Multipart {

    public static final String BOUNDARY = "governor-test-boundary-7f3a";
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private Multipart() {
    }

    public static byte[] body(Map<String, byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach((name, content) -> {
            String fileName = name.substring(name.lastIndexOf('/') + 1);
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
