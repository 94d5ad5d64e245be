package cn.partybuilding.dues;

import java.math.BigDecimal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * A roll line as JSON, written field by field: the fields, names, nulls and formats Jackson wrote for the record
 * (amounts as plain strings, months as {@code 2026-11}, enums by name), at half its cost. Sampled under {@code wrk},
 * the bean serializer — a property writer, an enum's features and a month's formatter per field — was a sixth of a
 * 100-line page's time in the JVM.
 */
final class RollLineJson extends ValueSerializer<DuesRoll.RollLine> {

	private static final SerializableString MEMBER_ID = new SerializedString("memberId"), NAME = new SerializedString("name"),
			ORGANIZATION_ID = new SerializedString("organizationId"), ORGANIZATION_NAME = new SerializedString("organizationName"),
			CATEGORY = new SerializedString("category"), BASE = new SerializedString("base"), AMOUNT = new SerializedString("amount"),
			STATE = new SerializedString("state"), PAID_UP_TO = new SerializedString("paidUpTo"),
			CONSECUTIVE = new SerializedString("consecutive");

	@Override
	public void serialize(DuesRoll.RollLine line, JsonGenerator json, SerializationContext context) {
		json.writeStartObject(line);
		json.writeName(MEMBER_ID);
		json.writeNumber(line.memberId());
		json.writeName(NAME);
		json.writeString(line.name());
		json.writeName(ORGANIZATION_ID);
		json.writeNumber(line.organizationId());
		json.writeName(ORGANIZATION_NAME);
		json.writeString(line.organizationName());
		json.writeName(CATEGORY);
		json.writeString(line.category() == null ? null : line.category().name());
		json.writeName(BASE);
		json.writeString(plain(line.base()));
		json.writeName(AMOUNT);
		json.writeString(plain(line.amount()));
		json.writeName(STATE);
		json.writeString(line.state() == null ? null : line.state().name());
		json.writeName(PAID_UP_TO);
		json.writeString(line.paidUpTo() == null ? null : line.paidUpTo().toString());
		json.writeName(CONSECUTIVE);
		json.writeNumber(line.consecutive());
		json.writeEndObject();
	}

	private static String plain(BigDecimal amount) {
		return amount == null ? null : amount.toPlainString();
	}
}
