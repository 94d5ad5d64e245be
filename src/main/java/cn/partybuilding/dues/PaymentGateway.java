package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A payment provider, as the dues module sees one: it is sent the payer with an order, and later posts a
 * signed notification to {@code /api/v1/dues/gateway/{name}/notify}. The sandbox ships with the platform;
 * a WeChat Pay or Alipay adapter is another implementation of this interface and nothing else changes.
 */
interface PaymentGateway {

	/** The name in the notification path and in {@code party.dues.gateway}. */
	String name();

	/** Where to send the payer to pay this order; they come back to {@code returnTo}. */
	URI checkout(Order order, URI returnTo);

	/**
	 * The notification the provider posted, once its signature holds; a forged or malformed one throws
	 * {@link Refused} with the reason.
	 */
	Notification verify(byte[] body, Map<String, String> headers) throws Refused;

	/** What the provider expects as the answer to a notification it need not send again. */
	String acknowledgement();

	/**
	 * Asks the provider whether it took the money for an order (WeChat Pay's and Alipay's order query): the order
	 * sweep asks before it lets an unpaid order go, for a notification may have been lost on the way. Empty when
	 * unpaid or when the provider cannot be asked.
	 */
	default Optional<Notification> paid(String orderNo) {
		return Optional.empty();
	}

	record Order(String orderNo, BigDecimal amount, String description, Instant expiresAt) {
	}

	record Notification(String orderNo, BigDecimal amount, String transactionId, Instant paidAt) {
	}

	class Refused extends Exception {

		public Refused(String reason) {
			super(reason);
		}
	}
}
