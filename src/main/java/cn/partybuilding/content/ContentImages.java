package cn.partybuilding.content;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileStore;

/**
 * Images of news and notices. Whatever arrives (an upload, a picture pasted into the editor) is decoded by ImageIO
 * alone, its dimensions read before any pixel is (a decompression bomb is refused unread), scaled down to the
 * maximum width and written anew as JPEG (opaque) or PNG (with transparency): nothing of the original bytes
 * survives, neither metadata (EXIF with GPS, text chunks) nor anything appended. Stored under a random key.
 */
@Component
class ContentImages {

	static final String URL_PREFIX = "/content/images/";

	/** A public key: 16 random bytes in base64url without padding. */
	static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{22}");

	/** A src that is one of our images, as the editor and the cleaner write it. */
	static final Pattern OWN_URL = Pattern.compile(Pattern.quote(URL_PREFIX) + KEY.pattern());

	static final String FOLDER = "content-images";

	/** What ImageIO may read for us (its lenient WBMP reader and TIFF are not among them). */
	private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif", "bmp", "webp");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** An image as stored: its public key, its URL for the editor and pages, its size after scaling. */
	record StoredImage(String key, String url, int width, int height) {
	}

	/** A stored image's file and type, for serving it. */
	record ImageFile(Resource resource, String contentType, long size) {
	}

	private final FileStore files;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int maxWidth;

	private final long maxPixels;

	private final long maxBytes;

	private final int perDay;

	private final float jpegQuality;

	ContentImages(FileStore files, JdbcClient jdbc, Clock clock,
			@Value("${party.content.image-max-width:1600}") int maxWidth,
			@Value("${party.content.image-max-pixels:40000000}") long maxPixels,
			@Value("${party.content.image-max-file-size:10MB}") DataSize maxFileSize,
			@Value("${party.content.images-per-day:300}") int perDay,
			@Value("${party.content.image-jpeg-quality:0.85}") float jpegQuality) {
		this.files = files;
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxWidth = maxWidth;
		this.maxPixels = maxPixels;
		this.maxBytes = maxFileSize.toBytes();
		this.perDay = perDay;
		this.jpegQuality = jpegQuality;
	}

	long maxBytes() {
		return maxBytes;
	}

	static String url(String key) {
		return URL_PREFIX + key;
	}

	/**
	 * Re-encodes and stores an image from a stream (read up to the size limit, no further). A clear
	 * {@link FieldProblem} on {@code field} for what is not a raster image we read, too large, too many pixels or
	 * over the person's daily number of images.
	 */
	StoredImage store(Caller caller, InputStream in, String field) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		return store(caller, bytes, field);
	}

	StoredImage store(Caller caller, byte[] bytes, String field) {
		if (bytes.length == 0) {
			throw new FieldProblem(field, "content.image.empty");
		}
		if (bytes.length > maxBytes) {
			throw new FieldProblem(field, "content.image.tooLarge", DataSize.ofBytes(maxBytes).toMegabytes());
		}
		Instant now = clock.instant();
		long today = jdbc.sql("select count(*) from content_images where created_by = ? and created_at > ?")
			.params(caller.username(), Timestamp.from(now.minus(Duration.ofDays(1))))
			.query(Long.class)
			.single();
		if (today >= perDay) {
			throw new FieldProblem(field, "content.image.perDay", perDay);
		}
		Encoded encoded = encode(bytes, field);
		FileStore.StoredFile stored = files.putUnchecked(FOLDER, new ByteArrayInputStream(encoded.bytes()),
				encoded.contentType());
		String key = newKey();
		try {
			jdbc.sql("""
					insert into content_images (public_key, file_key, content_type, width, height, size_bytes, created_by, created_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(key, stored.key(), encoded.contentType(), encoded.width(), encoded.height(), stored.size(),
						caller.username(), Timestamp.from(now))
				.update();
		}
		catch (RuntimeException e) {
			files.delete(stored.key());
			throw e;
		}
		deleteUnlessCommitted(stored.key());
		return new StoredImage(key, url(key), encoded.width(), encoded.height());
	}

	/** The stored image of this public key, if there is one. */
	Optional<ImageFile> find(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			return Optional.empty();
		}
		return jdbc.sql("select file_key, content_type, size_bytes from content_images where public_key = ?")
			.param(key)
			.query((rs, n) -> new ImageFile(files.open(rs.getString(1)), rs.getString(2), rs.getLong(3)))
			.optional();
	}

	/** An image written anew: its bytes, type and size. */
	record Encoded(byte[] bytes, String contentType, int width, int height) {
	}

	/**
	 * Decodes with ImageIO (the format found by its readers, never by a name or declared type), refusing before any
	 * pixel is decoded what has too many pixels, and writes the first frame anew no wider than the maximum width.
	 */
	Encoded encode(byte[] bytes, String field) {
		BufferedImage decoded;
		try (ImageInputStream images = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			ImageReader reader = reader(images).orElseThrow(() -> new FieldProblem(field, "content.image.notImage"));
			try {
				reader.setInput(images, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new FieldProblem(field, "content.image.notImage");
				}
				if ((long) width * height > maxPixels) {
					throw new FieldProblem(field, "content.image.tooManyPixels", width, height, maxPixels / 1_000_000);
				}
				ImageReadParam param = reader.getDefaultReadParam();
				// between once and twice the maximum width in memory, whatever the original's (a 48-megapixel photo
				// is read at a fourth of its pixels, then scaled smoothly)
				int step = Math.max(1, width / maxWidth);
				param.setSourceSubsampling(step, step, 0, 0);
				decoded = reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
		catch (FieldProblem e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			throw new FieldProblem(field, "content.image.notImage");
		}
		boolean alpha = decoded.getColorModel().hasAlpha();
		int width = Math.min(maxWidth, decoded.getWidth());
		int height = Math.max(1, (int) Math.round((double) decoded.getHeight() * width / decoded.getWidth()));
		BufferedImage scaled = scale(decoded, width, height, alpha);
		try {
			return alpha ? new Encoded(png(scaled), "image/png", width, height)
					: new Encoded(jpeg(scaled, jpegQuality), "image/jpeg", width, height);
		}
		catch (IOException e) {
			throw new FieldProblem(field, "content.image.notImage");
		}
	}

	private static Optional<ImageReader> reader(ImageInputStream images) {
		if (images == null) {
			return Optional.empty();
		}
		Iterator<ImageReader> readers = ImageIO.getImageReaders(images);
		while (readers.hasNext()) {
			ImageReader reader = readers.next();
			String format;
			try {
				format = reader.getFormatName().toLowerCase(Locale.ROOT);
			}
			catch (IOException e) {
				format = "";
			}
			if (FORMATS.contains(format)) {
				return Optional.of(reader);
			}
			reader.dispose();
		}
		return Optional.empty();
	}

	/**
	 * Draws the image anew at the given size (halving steps, then one bilinear step): a fresh raster in RGB or ARGB,
	 * so nothing but pixels goes on.
	 */
	static BufferedImage scale(BufferedImage image, int width, int height, boolean alpha) {
		BufferedImage current = image;
		while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= Math.max(1, height)) {
			current = draw(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
		}
		return draw(current, width, height, alpha);
	}

	private static BufferedImage draw(BufferedImage from, int width, int height, boolean alpha) {
		BufferedImage to = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = to.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			if (!alpha) {
				// what is transparent in an opaque target would turn black: white paper instead
				g.setColor(java.awt.Color.WHITE);
				g.fillRect(0, 0, width, height);
			}
			g.drawImage(from, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return to;
	}

	static byte[] jpeg(BufferedImage image, float quality) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	static byte[] png(BufferedImage image) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	static String newKey() {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/** The stored file goes when the save that took the image is rolled back. */
	private void deleteUnlessCommitted(String fileKey) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						files.delete(fileKey);
					}
				}
			});
		}
	}
}
