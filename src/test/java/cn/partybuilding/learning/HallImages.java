package cn.partybuilding.learning;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Draws the demo hall's three panoramas (src/main/resources/demo/learning/halls), made by the project and free
 * of anyone else's rights: each wall of a room is drawn flat with Java2D (flags, frames, a timeline with years,
 * screens), then a ray from the eye through every pixel of the 2:1 equirectangular picture finds the wall, floor
 * or ceiling it meets. No text but years and Latin letters, so it draws the same on a machine without CJK fonts.
 * Run: {@code java src/test/java/cn/partybuilding/learning/HallImages.java [folder]} (or from the IDE).
 */
public final class HallImages {

	static final int WIDTH = 2048;

	static final int HEIGHT = 1024;

	/** The room: walls at x = ±HALF_X and z = ±HALF_Z, the floor below the eye and the ceiling above (metres). */
	static final double HALF_X = 6;

	static final double HALF_Z = 5;

	static final double FLOOR = -1.6;

	static final double CEILING = 2.4;

	/** A wall's picture: 100 pixels a metre. */
	static final int PX = 100;

	private HallImages() {
	}

	public static void main(String[] args) throws IOException {
		Path folder = Path.of(args.length > 0 ? args[0] : "src/main/resources/demo/learning/halls");
		Files.createDirectories(folder);
		for (int scene = 1; scene <= 3; scene++) {
			BufferedImage image = panorama(scene);
			byte[] jpeg = jpeg(image, 0.72f);
			Files.write(folder.resolve("hall-scene-" + scene + ".jpg"), jpeg);
			System.out.println("hall-scene-" + scene + ".jpg " + jpeg.length + " bytes");
		}
	}

	/** Baseline JPEG at the quality given (a program of its own: it runs as a single source file). */
	static byte[] jpeg(BufferedImage image, float quality) throws IOException {
		javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (var out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/** The room of scene 1 (序厅), 2 (革命历史) or 3 (新时代). */
	static BufferedImage panorama(int scene) {
		// front (z+), right (x+), back (z-), left (x-): each as seen from inside, left to right
		BufferedImage front = wall(scene, 0, 2 * HALF_X);
		BufferedImage right = wall(scene, 1, 2 * HALF_Z);
		BufferedImage back = wall(scene, 2, 2 * HALF_X);
		BufferedImage left = wall(scene, 3, 2 * HALF_Z);
		BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		for (int row = 0; row < HEIGHT; row++) {
			double pitch = Math.PI * (0.5 - (row + 0.5) / HEIGHT);
			for (int col = 0; col < WIDTH; col++) {
				double yaw = 2 * Math.PI * ((col + 0.5) / WIDTH - 0.5);
				double dx = Math.sin(yaw) * Math.cos(pitch);
				double dy = Math.sin(pitch);
				double dz = Math.cos(yaw) * Math.cos(pitch);
				out.setRGB(col, row, shade(scene, dx, dy, dz, front, right, back, left));
			}
		}
		return out;
	}

	private static int shade(int scene, double dx, double dy, double dz, BufferedImage front, BufferedImage right,
			BufferedImage back, BufferedImage left) {
		double tx = dx == 0 ? Double.MAX_VALUE : HALF_X / Math.abs(dx);
		double tz = dz == 0 ? Double.MAX_VALUE : HALF_Z / Math.abs(dz);
		double t = Math.min(tx, tz);
		double y = dy * t;
		if (y < FLOOR) {
			double s = FLOOR / dy;
			return floor(scene, dx * s, dz * s);
		}
		if (y > CEILING) {
			double s = CEILING / dy;
			return ceiling(scene, dx * s, dz * s);
		}
		double x = dx * t;
		double z = dz * t;
		int py = (int) ((CEILING - y) * PX);
		if (tz <= tx) {
			return dz > 0 ? sample(front, (x + HALF_X) * PX, py) : sample(back, (HALF_X - x) * PX, py);
		}
		return dx > 0 ? sample(right, (HALF_Z - z) * PX, py) : sample(left, (z + HALF_Z) * PX, py);
	}

	private static int sample(BufferedImage wall, double x, int y) {
		int px = (int) Math.max(0, Math.min(wall.getWidth() - 1, x));
		int py = Math.max(0, Math.min(wall.getHeight() - 1, y));
		return wall.getRGB(px, py);
	}

	private static int floor(int scene, double x, double z) {
		boolean dark = (Math.floorMod((int) Math.floor(x / 0.8), 2) ^ Math.floorMod((int) Math.floor(z / 0.8), 2)) == 1;
		double r = Math.hypot(x, z);
		Color base = scene == 3 ? (dark ? new Color(0xB8BEC6) : new Color(0xD9DDE2))
				: dark ? new Color(0x7A3B2E) : new Color(0x94523F);
		// a red carpet runs ahead to the front wall
		if (Math.abs(x) < 0.9 && z > 0 && scene != 3) {
			base = new Color(0xA3121F);
		}
		double fade = Math.max(0.55, 1 - r / 18);
		return scale(base, fade);
	}

	private static int ceiling(int scene, double x, double z) {
		boolean light = Math.floorMod((int) Math.floor(x / 1.5), 2) == 0 && Math.floorMod((int) Math.floor(z / 1.5), 2) == 0;
		Color base = light ? new Color(0xFFF6DA) : scene == 3 ? new Color(0xE8ECF1) : new Color(0xD8CFC0);
		return base.getRGB();
	}

	private static int scale(Color c, double f) {
		return new Color((int) (c.getRed() * f), (int) (c.getGreen() * f), (int) (c.getBlue() * f)).getRGB();
	}

	/** A wall seen from inside: {@code side} 0 front, 1 right, 2 back, 3 left; {@code metres} wide. */
	static BufferedImage wall(int scene, int side, double metres) {
		int w = (int) (metres * PX);
		int h = (int) ((CEILING - FLOOR) * PX);
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		Color wallColor = scene == 3 ? new Color(0xF4F6F9) : scene == 2 ? new Color(0xEFE4CF) : new Color(0xF2E6D0);
		g.setColor(wallColor);
		g.fillRect(0, 0, w, h);
		// skirting and a red band under the ceiling
		g.setColor(new Color(0x5A2A1E));
		g.fillRect(0, h - 18, w, 18);
		g.setColor(scene == 3 ? new Color(0x1F4E8C) : new Color(0xB3121F));
		g.fillRect(0, 20, w, 26);
		SplittableRandom random = new SplittableRandom(scene * 31L + side);
		switch (scene) {
			case 1 -> entrance(g, side, w, h);
			case 2 -> history(g, side, w, h, random);
			default -> newEra(g, side, w, h, random);
		}
		g.dispose();
		return img;
	}

	/** 序厅: a great flag with a star ahead, a doorway to the right of it (the arrow to the next room), pillars. */
	private static void entrance(Graphics2D g, int side, int w, int h) {
		if (side == 0) {
			int fw = 520;
			int fh = 220;
			int fx = w / 2 - fw / 2 - 120;
			int fy = 90;
			g.setPaint(new GradientPaint(fx, fy, new Color(0xD7141E), fx + fw, fy + fh, new Color(0xA80F18)));
			g.fillRect(fx, fy, fw, fh);
			star(g, fx + 95, fy + 90, 60, new Color(0xFFD23F));
			for (int i = 0; i < 4; i++) {
				double a = Math.toRadians(-50 + i * 25);
				star(g, fx + 95 + (int) (110 * Math.cos(a)) + 60, fy + 90 + (int) (110 * Math.sin(a)) - 10, 18,
						new Color(0xFFD23F));
			}
			g.setColor(new Color(0x8A6A1F));
			g.setFont(new Font(Font.SERIF, Font.BOLD, 56));
			g.drawString("1921", fx + fw / 2 - 60, fy + fh + 62);
			door(g, w / 2 + 300, h, new Color(0x3B1A12));
		}
		else {
			for (int x = 80; x < w; x += 260) {
				g.setPaint(new GradientPaint(x, 0, new Color(0xC9B48A), x + 50, 0, new Color(0xEADCB8)));
				g.fillRect(x, 46, 50, h - 64);
			}
			if (side == 2) {
				door(g, w / 2 - 90, h, new Color(0x2A2A2A));
			}
			else {
				banner(g, w / 2 - 180, 110, 360, 170);
			}
		}
	}

	/** 革命历史: a timeline of years with framed sepia pictures, a doorway on to the new era. */
	private static void history(Graphics2D g, int side, int w, int h, SplittableRandom random) {
		String[] years = side == 0 ? new String[] { "1921", "1927", "1935" }
				: side == 1 ? new String[] { "1937", "1945" } : side == 3 ? new String[] { "1949", "1956" } : new String[0];
		g.setColor(new Color(0xB3121F));
		g.fillRect(0, 300, w, 8);
		int room = side == 0 ? w - 260 : w;
		int slot = years.length == 0 ? room : room / years.length;
		for (int i = 0; i < years.length; i++) {
			int cx = slot * i + slot / 2;
			frame(g, cx - 120, 95, 240, 170, random, true);
			g.setColor(new Color(0xB3121F));
			g.fillOval(cx - 12, 292, 24, 24);
			g.setColor(new Color(0x5A2A1E));
			g.setFont(new Font(Font.SERIF, Font.BOLD, 40));
			g.drawString(years[i], cx - 44, 360);
		}
		if (side == 0) {
			door(g, w - 230, h, new Color(0x3B1A12));
		}
		if (side == 2) {
			door(g, w / 2 - 90, h, new Color(0x3B1A12));
		}
	}

	/** 新时代: screens with years and rising bars, a wide window of light. */
	private static void newEra(Graphics2D g, int side, int w, int h, SplittableRandom random) {
		if (side == 2) {
			door(g, w / 2 - 90, h, new Color(0x2F3B4A));
			return;
		}
		String[] years = side == 0 ? new String[] { "2012", "2021", "2035" } : new String[] { "2017", "2022" };
		int slot = w / years.length;
		for (int i = 0; i < years.length; i++) {
			int x = slot * i + slot / 2 - 150;
			g.setPaint(new GradientPaint(x, 90, new Color(0x0E2A52), x, 290, new Color(0x1F4E8C)));
			g.fillRoundRect(x, 90, 300, 200, 16, 16);
			for (int b = 0; b < 6; b++) {
				int bh = 20 + b * 18 + random.nextInt(20);
				g.setColor(b % 2 == 0 ? new Color(0xE8B923) : new Color(0xD7141E));
				g.fillRect(x + 30 + b * 40, 270 - bh, 26, bh);
			}
			g.setColor(Color.WHITE);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
			g.drawString(years[i], x + 110, 130);
		}
		if (side == 0) {
			star(g, w / 2, 345, 22, new Color(0xD7141E));
		}
	}

	private static void frame(Graphics2D g, int x, int y, int w, int h, SplittableRandom random, boolean sepia) {
		g.setColor(new Color(0x6B4B1F));
		g.fillRect(x - 10, y - 10, w + 20, h + 20);
		g.setPaint(new GradientPaint(x, y, new Color(0xCDB58C), x + w, y + h, new Color(0x8C7250)));
		g.fillRect(x, y, w, h);
		// figures and a horizon, as an old photograph would show them
		g.setColor(new Color(0x5E4A33));
		g.fillRect(x, y + h * 2 / 3, w, h / 3);
		for (int i = 0; i < 5; i++) {
			int fx = x + 20 + random.nextInt(w - 50);
			int fh = 40 + random.nextInt(40);
			g.setColor(new Color(0x3E2F20));
			g.fillOval(fx + 4, y + h * 2 / 3 - fh - 14, 16, 16);
			g.fillRect(fx, y + h * 2 / 3 - fh, 24, fh);
		}
		if (sepia) {
			g.setColor(new Color(255, 240, 200, 40));
			g.fillRect(x, y, w, h);
		}
	}

	private static void banner(Graphics2D g, int x, int y, int w, int h) {
		g.setColor(new Color(0xB3121F));
		g.fillRect(x, y, w, h);
		g.setColor(new Color(0xE8B923));
		g.setStroke(new BasicStroke(6));
		g.drawRect(x + 12, y + 12, w - 24, h - 24);
		star(g, x + w / 2, y + h / 2, 40, new Color(0xE8B923));
	}

	private static void door(Graphics2D g, int x, int h, Color inside) {
		g.setColor(new Color(0x7A5A2A));
		g.fillRect(x - 14, h - 18 - 254, 208, 254);
		g.setPaint(new GradientPaint(x, h - 250, inside, x, h, inside.brighter()));
		g.fillRect(x, h - 18 - 240, 180, 240);
	}

	private static void star(Graphics2D g, int cx, int cy, int r, Color color) {
		Polygon p = new Polygon();
		for (int i = 0; i < 10; i++) {
			double a = Math.PI / 2 + i * Math.PI / 5;
			double rr = i % 2 == 0 ? r : r * 0.38;
			p.addPoint(cx + (int) Math.round(rr * Math.cos(a)), cy - (int) Math.round(rr * Math.sin(a)));
		}
		g.setColor(color);
		g.fillPolygon(p);
	}
}
