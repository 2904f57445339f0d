package io.flightdeck.signals;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Decodes one Fluentd forward-protocol message (a msgpack array) in any of its modes: Message
 * {@code [tag, time, record, option?]}, Forward {@code [tag, [[time, record]...], option?]}, PackedForward
 * {@code [tag, bin, option?]} and CompressedPackedForward (the same with {@code compressed: "gzip"}). Times are
 * integers or the EventTime extension (type 0). Anything else is a {@link MalformedFrameException}. Stateless.
 */
final class ForwardDecoder {

    /** A decoded message: its records and the {@code chunk} option to acknowledge, or null. */
    record Decoded(List<LogRecord> records, String chunk) {
    }

    static final class MalformedFrameException extends Exception {
        MalformedFrameException(String message) {
            super(message);
        }
    }

    private ForwardDecoder() {
    }

    static Decoded decode(Value message) throws MalformedFrameException {
        if (!message.isArrayValue()) {
            throw new MalformedFrameException("a forward message must be an array, got " + message.getValueType());
        }
        ArrayValue a = message.asArrayValue();
        if (a.size() < 2 || !a.get(0).isStringValue()) {
            throw new MalformedFrameException("a forward message starts with a tag string");
        }
        String tag = a.get(0).asStringValue().asString();
        Value second = a.get(1);
        List<LogRecord> records = new ArrayList<>();
        MapValue option;
        if (second.isArrayValue()) {
            for (Value entry : second.asArrayValue()) {
                records.add(entry(tag, entry));
            }
            option = option(a, 2);
        } else if (second.isBinaryValue() || second.isStringValue()) {
            option = option(a, 2);
            byte[] bytes = second.isBinaryValue() ? second.asBinaryValue().asByteArray()
                    : second.asStringValue().asByteArray();
            String compressed = option == null ? "" : RecordMapper.text(field(option, "compressed"));
            if (compressed.equals("gzip")) {
                bytes = gunzip(bytes);
            } else if (!compressed.isEmpty() && !compressed.equals("text")) {
                throw new MalformedFrameException("unknown compression: " + compressed);
            }
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
                while (u.hasNext()) {
                    records.add(entry(tag, u.unpackValue()));
                }
            } catch (IOException | RuntimeException e) {
                throw new MalformedFrameException("malformed packed entries: " + e.getMessage());
            }
        } else {
            if (a.size() < 3 || !a.get(2).isMapValue()) {
                throw new MalformedFrameException("a message-mode entry needs [tag, time, record]");
            }
            records.add(RecordMapper.map(tag, time(second), a.get(2).asMapValue()));
            option = option(a, 3);
        }
        String chunk = option == null ? null : RecordMapper.text(field(option, "chunk"));
        return new Decoded(records, chunk == null || chunk.isEmpty() ? null : chunk);
    }

    private static LogRecord entry(String tag, Value entry) throws MalformedFrameException {
        if (!entry.isArrayValue() || entry.asArrayValue().size() < 2 || !entry.asArrayValue().get(1).isMapValue()) {
            throw new MalformedFrameException("an entry must be [time, record]");
        }
        return RecordMapper.map(tag, time(entry.asArrayValue().get(0)), entry.asArrayValue().get(1).asMapValue());
    }

    static Instant time(Value v) throws MalformedFrameException {
        if (v.isIntegerValue()) {
            return Instant.ofEpochSecond(v.asIntegerValue().toLong());
        }
        if (v.isFloatValue()) {
            double d = v.asFloatValue().toDouble();
            return Instant.ofEpochSecond((long) d, (long) ((d - Math.floor(d)) * 1e9));
        }
        if (v.isExtensionValue()) {
            ExtensionValue e = v.asExtensionValue();
            if (e.getType() == 0 && e.getData().length == 8) {
                ByteBuffer b = ByteBuffer.wrap(e.getData());
                return Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt()));
            }
        }
        throw new MalformedFrameException("a time must be an integer or an EventTime, got " + v.getValueType());
    }

    private static MapValue option(ArrayValue a, int index) throws MalformedFrameException {
        if (a.size() <= index || a.get(index).isNilValue()) {
            return null;
        }
        if (!a.get(index).isMapValue()) {
            throw new MalformedFrameException("the option must be a map");
        }
        return a.get(index).asMapValue();
    }

    private static Value field(MapValue m, String key) {
        for (var e : m.map().entrySet()) {
            if (RecordMapper.text(e.getKey()).equals(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Inflates gzip data, which may be several gzip members one after another, as Fluentd writes them. */
    private static byte[] gunzip(byte[] data) throws MalformedFrameException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MalformedFrameException("bad gzip data: " + e.getMessage());
        }
    }
}
