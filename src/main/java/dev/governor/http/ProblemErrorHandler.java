package dev.governor.http;

import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * ProblemErrorHandler answers the errors Jetty finds itself — a bad URI, {@code %00}, a URI or
 * headers too long, a body too large or too slow — as {@code application/problem+json} with a
 * stable code and a request id, like every other error Governor gives, instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    /** Every method gets its problem body, PUT included (Jetty's own handler writes bodies for GET, POST and HEAD only). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String requestId = RequestIds.of(request.getHeaders().get(RequestIds.HEADER));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        // Jetty drops the connection after an error it answers itself: say so, so no client reuses it
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE));
        fields.put(RequestIds.HEADER, RequestIds.of(null));
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String message) {
        ErrorCode code = Problems.codeFor(status);
        String detail = switch (status) {
            case 408 -> "the request was not received in time: its body came too slowly";
            case 413 -> "the body is longer than this endpoint takes";
            case 414 -> "the URI is longer than Governor reads (8 KB)";
            case 431 -> "the headers are larger than Governor reads (8 KB)";
            default -> status >= 500 ? Problems.INTERNAL_ERROR_DETAIL
                    : message == null || message.isBlank() ? "the request could not be read" : message;
        };
        return Json.bytes(Problems.body(status, code, detail, List.of(), null));
    }
}
