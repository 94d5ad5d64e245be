package cn.partybuilding.learning;

import java.time.LocalDate;
import java.util.List;

/** An outline's due date is near: those who have not finished it are reminded, once. */
public record OutlineReminderDue(long outlineId, String title, LocalDate dueOn, List<Long> accountIds) {

	public OutlineReminderDue {
		accountIds = List.copyOf(accountIds);
	}
}
