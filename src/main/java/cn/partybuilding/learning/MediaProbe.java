package cn.partybuilding.learning;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What an uploaded study file is and how long it plays, read from its bytes (never from its name): MP4 (video, or
 * M4A audio) by its {@code ftyp} box and the duration in {@code moov/mvhd}; MP3 by its frame header, the duration
 * estimated from the bit rate. The duration decides when a video counts as watched, so it comes from the file,
 * not from what a player reports.
 */
final class MediaProbe {

	record Media(String contentType, int durationSeconds) {
	}

	private static final int[] MP3_KBPS = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 };

	private static final int[] MP3_RATES = { 44100, 48000, 32000, 0 };

	private MediaProbe() {
	}

	/** Reads an MP4 container's boxes up to its movie header; empty when the stream is no MP4 or has no duration. */
	static Optional<Media> mp4(InputStream in, String contentType) throws IOException {
		DataInputStream data = new DataInputStream(in);
		try {
			long first = data.readInt() & 0xFFFFFFFFL;
			if (readType(data) != FTYP || first < 8) {
				return Optional.empty();
			}
			skip(data, first - 8);
			return findMvhd(data, Long.MAX_VALUE, contentType);
		}
		catch (EOFException e) {
			return Optional.empty();
		}
	}

	private static final int FTYP = type("ftyp");

	private static final int MOOV = type("moov");

	private static final int MVHD = type("mvhd");

	private static Optional<Media> findMvhd(DataInputStream data, long limit, String contentType) throws IOException {
		long read = 0;
		while (read < limit) {
			long size = data.readInt() & 0xFFFFFFFFL;
			int type = readType(data);
			long header = 8;
			if (size == 1) {
				size = data.readLong();
				header = 16;
			}
			if (size != 0 && size < header) {
				return Optional.empty();
			}
			if (type == MOOV) {
				return findMvhd(data, size == 0 ? Long.MAX_VALUE : size - header, contentType);
			}
			if (type == MVHD) {
				int version = data.readUnsignedByte();
				skip(data, 3 + (version == 1 ? 16 : 8));
				long timescale = data.readInt() & 0xFFFFFFFFL;
				long duration = version == 1 ? data.readLong() : data.readInt() & 0xFFFFFFFFL;
				if (timescale == 0 || duration <= 0) {
					return Optional.empty();
				}
				return Optional.of(new Media(contentType, (int) Math.max(1, Math.round((double) duration / timescale))));
			}
			if (size == 0) {
				return Optional.empty();
			}
			skip(data, size - header);
			read += size;
		}
		return Optional.empty();
	}

	/**
	 * An MP3: an optional ID3v2 tag, then a MPEG-1 Layer III frame header; the duration is the audio's bytes over
	 * its bit rate (exact for constant bit rates, an estimate for variable ones).
	 */
	static Optional<Media> mp3(InputStream in, long size) throws IOException {
		DataInputStream data = new DataInputStream(in);
		try {
			byte[] head = new byte[10];
			data.readFully(head, 0, 4);
			long tag = 0;
			if (head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
				data.readFully(head, 4, 6);
				tag = 10 + ((head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F));
				skip(data, tag - 10);
				data.readFully(head, 0, 4);
			}
			// sync (11 bits), MPEG-1 (11), Layer III (01)
			if ((head[0] & 0xFF) != 0xFF || (head[1] & 0xFE) != 0xFA) {
				return Optional.empty();
			}
			int kbps = MP3_KBPS[(head[2] & 0xF0) >> 4];
			int sampleRate = MP3_RATES[(head[2] & 0x0C) >> 2];
			if (kbps == 0 || sampleRate == 0) {
				return Optional.empty();
			}
			// an encoder's Xing/Info frame, right after the side information, counts the frames exactly
			byte[] side = new byte[40];
			data.readFully(side);
			String text = new String(side, java.nio.charset.StandardCharsets.ISO_8859_1);
			int at = Math.max(text.indexOf("Xing"), text.indexOf("Info"));
			if (at >= 0 && at + 12 <= side.length && (side[at + 7] & 1) == 1) {
				long frames = (side[at + 8] & 0xFFL) << 24 | (side[at + 9] & 0xFF) << 16 | (side[at + 10] & 0xFF) << 8
						| (side[at + 11] & 0xFF);
				return Optional.of(new Media("audio/mpeg", (int) Math.max(1, Math.round(frames * 1152.0 / sampleRate))));
			}
			long seconds = (size - tag) * 8 / (kbps * 1000L);
			return Optional.of(new Media("audio/mpeg", (int) Math.max(1, seconds)));
		}
		catch (EOFException e) {
			return Optional.empty();
		}
	}

	private static void skip(DataInputStream data, long n) throws IOException {
		long left = n;
		while (left > 0) {
			long skipped = data.skip(left);
			if (skipped <= 0) {
				if (data.read() < 0) {
					throw new EOFException();
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private static int readType(DataInputStream data) throws IOException {
		return data.readInt();
	}

	private static int type(String fourCc) {
		return fourCc.charAt(0) << 24 | fourCc.charAt(1) << 16 | fourCc.charAt(2) << 8 | fourCc.charAt(3);
	}
}
