package cn.partybuilding.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** A link as a QR code (a meeting's check-in link, an authenticator app's otpauth link), drawn as SVG: no image libraries, an {@code img} the CSP allows. */
public final class QrCode {

	private QrCode() {
	}

	/** The QR code of {@code link} as a {@code data:image/svg+xml} URI. */
	public static String dataUri(String link) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
			int size = matrix.getWidth();
			StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
					+ "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/><path d=\"");
			for (int y = 0; y < size; y++) {
				for (int x = 0; x < size; x++) {
					if (matrix.get(x, y)) {
						svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
					}
				}
			}
			svg.append("\" fill=\"#000\"/></svg>");
			return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (WriterException e) {
			throw new IllegalStateException(e);
		}
	}
}
