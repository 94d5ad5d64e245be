package cn.partybuilding.shared;

/**
 * The request was sound but lost to something that happened first (a bill someone else just paid): the
 * API answers 409 with the message, a page shows it like any other mistake.
 */
public class ConflictProblem extends FieldProblem {

	public ConflictProblem(String field, String messageKey, Object... args) {
		super(field, messageKey, args);
	}
}
