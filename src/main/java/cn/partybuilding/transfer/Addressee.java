package cn.partybuilding.transfer;

import java.util.List;

import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlainText;

/** Where a letter out goes, as asked: the receiving organisation's name, its {@link Destination}, its address. */
record Addressee(String name, Destination destination, String address) {

	/**
	 * The three fields cleaned and checked, each problem added under {@code prefix} + the field's name (the
	 * destination's field is called {@code destinationField}: forms and batches name it differently).
	 */
	static Addressee checked(String name, String destination, String address, String prefix, String destinationField,
			List<FieldProblem.Problem> problems) {
		Addressee to = new Addressee(PlainText.clean(name), Destination.named(destination), PlainText.clean(address));
		if (to.name().isEmpty() || to.name().length() > 100) {
			problems.add(new FieldProblem.Problem(prefix + "toOrgName", "transfer.toName.required", new Object[0]));
		}
		if (to.destination() == null) {
			problems.add(new FieldProblem.Problem(prefix + destinationField, "transfer.toKind.required", new Object[0]));
		}
		if (to.address().length() > 200) {
			problems.add(new FieldProblem.Problem(prefix + "toOrgAddress", "transfer.toAddress.length", new Object[0]));
		}
		return to;
	}

	/** The address as stored: none rather than empty. */
	String storedAddress() {
		return address.isEmpty() ? null : address;
	}
}
