package cn.partybuilding.learning;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileStore;

/**
 * Panoramas for the 红色教育 halls: an equirectangular JPEG or PNG (read from its bytes, about twice as wide as it
 * is high) is kept as uploaded, and made once, at upload, into JPEG sizes fit for the screen: a small preview shown
 * at once, a phone size and (from a large enough original) a desktop size. Only the sizes are ever sent to a
 * viewer. The original is decoded subsampled, so a very large photo never fills the memory.
 */
@Component
class Panoramas {

	/** The sizes made at upload: width in pixels (the height is half) and JPEG quality. */
	enum Size {
		PREVIEW(512, 0.6f), PHONE(2048, 0.75f), DESKTOP(4096, 0.8f);

		final int width;

		final float quality;

		Size(int width, float quality) {
			this.width = width;
			this.quality = quality;
		}

		String path() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Optional<Size> of(String path) {
			for (Size s : values()) {
				if (s.path().equalsIgnoreCase(path)) {
					return Optional.of(s);
				}
			}
			return Optional.empty();
		}
	}

	/** What the bytes say the upload is. */
	record Probe(String contentType, int width, int height) {
	}

	/** One size as made: its JPEG bytes and width (the height is half). */
	record Made(byte[] jpeg, int width) {
	}

	/** One size as stored. */
	record Rendition(Size size, String key, int width, int height, long bytes) {
	}

	private final JdbcTemplate jdbc;

	private final FileStore files;

	private final double ratioTolerance;

	private final int minWidth;

	private final int maxWidth;

	Panoramas(JdbcTemplate jdbc, FileStore files,
			@Value("${party.learning.panorama.ratio-tolerance:0.03}") double ratioTolerance,
			@Value("${party.learning.panorama.min-width:1024}") int minWidth,
			@Value("${party.learning.panorama.max-width:16384}") int maxWidth) {
		this.jdbc = jdbc;
		this.files = files;
		this.ratioTolerance = ratioTolerance;
		this.minWidth = minWidth;
		this.maxWidth = maxWidth;
	}

	static String url(long materialId, Size size) {
		return "/api/v1/learning/materials/" + materialId + "/panorama/" + size.path();
	}

	/** Checks the upload is a JPEG or PNG about 2:1, within the size limits; answers its type. A clear 400 else. */
	Probe check(MultipartFile file) throws IOException {
		byte[] head;
		try (InputStream in = file.getInputStream()) {
			head = in.readNBytes(8);
		}
		String type = typeOf(head).orElseThrow(() -> new FieldProblem("file", "learning.panorama.notImage"));
		int[] size;
		try (InputStream in = file.getInputStream(); ImageInputStream images = ImageIO.createImageInputStream(in)) {
			ImageReader reader = reader(images, type);
			try {
				size = new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException e) {
			throw new FieldProblem("file", "learning.panorama.notImage");
		}
		if (!isEquirectangular(size[0], size[1], ratioTolerance)) {
			throw new FieldProblem("file", "learning.panorama.ratio", size[0], size[1]);
		}
		if (size[0] < minWidth || size[0] > maxWidth) {
			throw new FieldProblem("file", "learning.panorama.width", minWidth, maxWidth, size[0]);
		}
		return new Probe(type, size[0], size[1]);
	}

	/** JPEG or PNG, by the first bytes. */
	static Optional<String> typeOf(byte[] head) {
		if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
			return Optional.of("image/jpeg");
		}
		if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
				&& head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
			return Optional.of("image/png");
		}
		return Optional.empty();
	}

	/** An equirectangular panorama covers 360° by 180°: twice as wide as high, within the tolerance. */
	static boolean isEquirectangular(int width, int height, double tolerance) {
		return width > 0 && height > 0 && Math.abs((double) width / height - 2.0) <= 2.0 * tolerance;
	}

	/** The sizes an original of this width gives: the preview always, the others no wider than the original. */
	static List<Size> sizesFor(int width) {
		List<Size> sizes = new ArrayList<>(List.of(Size.PREVIEW, Size.PHONE));
		if (width > Size.PHONE.width) {
			sizes.add(Size.DESKTOP);
		}
		return sizes;
	}

	/** Makes and stores the sizes of a panorama just published (its row exists); they go if the row goes. */
	void render(long materialId, MultipartFile file, Probe probe) {
		Map<Size, Made> made;
		try (InputStream in = file.getInputStream()) {
			made = sizes(in, probe.contentType(), probe.width());
		}
		catch (IOException | RuntimeException e) {
			throw new FieldProblem("file", "learning.panorama.notImage");
		}
		for (Map.Entry<Size, Made> e : made.entrySet()) {
			FileStore.StoredFile stored = files.putUnchecked(MaterialLibrary.FOLDER, new ByteArrayInputStream(e.getValue().jpeg()),
					"image/jpeg");
			MaterialLibrary.deleteUnlessCommitted(files, stored.key());
			int width = e.getValue().width();
			jdbc.update("""
					insert into learning_panorama_size (material_id, size, file_key, width, height, size_bytes)
					values (?, ?, ?, ?, ?, ?)""", materialId, e.getKey().name(), stored.key(), width, width / 2,
					stored.size());
		}
	}

	/**
	 * The JPEG sizes of a panorama: decoded subsampled to between once and twice the desktop width, then halved step by step
	 * (bilinear each time, so small sizes stay smooth) down to each size, always exactly 2:1.
	 */
	static Map<Size, Made> sizes(InputStream original, String contentType, int originalWidth) throws IOException {
		BufferedImage decoded;
		try (ImageInputStream images = ImageIO.createImageInputStream(original)) {
			ImageReader reader = reader(images, contentType);
			try {
				ImageReadParam param = reader.getDefaultReadParam();
				// at least the desktop width where the original has it, at most twice that in memory
				int step = Math.max(1, originalWidth / Size.DESKTOP.width);
				param.setSourceSubsampling(step, step, 0, 0);
				decoded = reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
		Map<Size, Made> out = new EnumMap<>(Size.class);
		List<Size> wanted = sizesFor(originalWidth);
		BufferedImage source = decoded;
		for (Size size : List.of(Size.DESKTOP, Size.PHONE, Size.PREVIEW)) {
			if (!wanted.contains(size)) {
				continue;
			}
			int width = size == Size.PREVIEW ? size.width : Math.min(size.width, decoded.getWidth());
			source = scale(source, width, width / 2);
			out.put(size, new Made(jpeg(source, size.quality), width));
		}
		return out;
	}

	/** Scales to the given size by halving steps then one bilinear step; an RGB image whatever came in. */
	static BufferedImage scale(BufferedImage image, int width, int height) {
		BufferedImage current = image;
		while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
			current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		if (current.getWidth() != width || current.getHeight() != height || current.getType() != BufferedImage.TYPE_INT_RGB) {
			current = draw(current, width, height);
		}
		return current;
	}

	private static BufferedImage draw(BufferedImage from, int width, int height) {
		BufferedImage to = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = to.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
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
			param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static ImageReader reader(ImageInputStream images, String contentType) throws IOException {
		if (images == null) {
			throw new IOException("no image stream");
		}
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(contentType);
		if (!readers.hasNext()) {
			throw new IOException("no reader for " + contentType);
		}
		ImageReader reader = readers.next();
		reader.setInput(images, true, true);
		return reader;
	}

	/** The sizes stored for a panorama, smallest first. */
	List<Rendition> renditions(long materialId) {
		return jdbc.query("""
				select size, file_key, width, height, size_bytes from learning_panorama_size where material_id = ?
				order by width""", (rs, n) -> new Rendition(Size.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
				rs.getInt(4), rs.getLong(5)), materialId);
	}

	/** The size asked for, or the largest smaller one there is (a small original has no desktop size). */
	Optional<Rendition> rendition(long materialId, Size size) {
		return renditions(materialId).stream().filter(r -> r.size().ordinal() <= size.ordinal())
			.reduce((a, b) -> b);
	}

	Resource open(Rendition rendition) {
		return files.open(rendition.key());
	}
}
