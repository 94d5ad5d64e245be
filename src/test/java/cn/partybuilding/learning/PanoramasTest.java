package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The panorama rules without the platform: what the bytes are, the 2:1 check, the sizes made, the visit's share. */
class PanoramasTest {

	@Test
	void theKindIsReadFromTheFirstBytes() {
		assertThat(Panoramas.typeOf(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 })).contains("image/jpeg");
		assertThat(Panoramas.typeOf(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A })).contains("image/png");
		assertThat(Panoramas.typeOf("GIF89a..".getBytes())).isEmpty();
		assertThat(Panoramas.typeOf(new byte[0])).isEmpty();
	}

	@Test
	void aPanoramaIsTwiceAsWideAsHighWithinTheTolerance() {
		assertThat(Panoramas.isEquirectangular(4096, 2048, 0.03)).isTrue();
		assertThat(Panoramas.isEquirectangular(4000, 2040, 0.03)).isTrue();
		assertThat(Panoramas.isEquirectangular(4000, 2200, 0.03)).isFalse();
		assertThat(Panoramas.isEquirectangular(1600, 1200, 0.03)).isFalse();
		assertThat(Panoramas.isEquirectangular(0, 0, 0.03)).isFalse();
	}

	@Test
	void theSizesAreMadeOnceNoWiderThanTheOriginalAndExactlyTwoToOne() throws Exception {
		assertThat(Panoramas.sizesFor(2048)).containsExactly(Panoramas.Size.PREVIEW, Panoramas.Size.PHONE);
		assertThat(Panoramas.sizesFor(6000)).containsExactly(Panoramas.Size.PREVIEW, Panoramas.Size.PHONE,
				Panoramas.Size.DESKTOP);
		BufferedImage original = new BufferedImage(5000, 2500, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(original, "png", png);
		Map<Panoramas.Size, Panoramas.Made> made = Panoramas.sizes(new ByteArrayInputStream(png.toByteArray()),
				"image/png", 5000);
		assertThat(made.get(Panoramas.Size.PREVIEW).width()).isEqualTo(512);
		assertThat(made.get(Panoramas.Size.PHONE).width()).isEqualTo(2048);
		assertThat(made.get(Panoramas.Size.DESKTOP).width()).isEqualTo(4096);
		BufferedImage desktop = ImageIO.read(new ByteArrayInputStream(made.get(Panoramas.Size.DESKTOP).jpeg()));
		assertThat(desktop.getWidth()).isEqualTo(4096);
		assertThat(desktop.getHeight()).isEqualTo(2048);
		assertThat(Panoramas.scale(new BufferedImage(1030, 500, BufferedImage.TYPE_INT_ARGB), 512, 256).getHeight())
			.isEqualTo(256);
	}

	@Test
	void aVisitMustSeeTheRulesShareOfScenesAndAtLeastOne() {
		LearningRules.HallVisit rule = new LearningRules.HallVisit(120, 0.6);
		assertThat(rule.scenesToVisit(3)).isEqualTo(2);
		assertThat(rule.scenesToVisit(5)).isEqualTo(3);
		assertThat(rule.scenesToVisit(1)).isEqualTo(1);
		assertThat(rule.scenesToVisit(0)).isZero();
		assertThat(new LearningRules.HallVisit(60, 0).scenesToVisit(4)).isEqualTo(1);
		assertThat(new LearningRules.HallVisit(60, 1).scenesToVisit(4)).isEqualTo(4);
		assertThat(LearningRules.defaults().hallVisit().minSeconds()).isEqualTo(120);
	}
}
