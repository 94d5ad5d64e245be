package cn.partybuilding.analytics;

import java.util.Locale;

import org.springframework.context.ApplicationContext;

/** What the province benchmark asks of the early-warning centre's package-private parts. */
public final class WarningsBench {

	private WarningsBench() {
	}

	/** Writes the kept copy of every module's warnings now. */
	public static void refresh(ApplicationContext context) {
		context.getBean(WarningKeeper.class).refresh();
	}

	/** The analysis report's summary of an organisation's warnings: how many there are. */
	public static int summary(ApplicationContext context, long orgId, int lines) {
		return context.getBean(WarningCentre.class).summary(orgId, lines, Locale.SIMPLIFIED_CHINESE).total();
	}
}
