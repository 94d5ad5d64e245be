package cn.partybuilding.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.partybuilding.assessment.Scoreboard.Standing;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/** The ranking as Excel: one row per organisation, its total, stars, stage and every indicator's score. */
@Component
class ScoreSheets {

	private final Scoreboard scoreboard;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	ScoreSheets(Scoreboard scoreboard, MessageSource messages, ApplicationEventPublisher events) {
		this.scoreboard = scoreboard;
		this.messages = messages;
		this.events = events;
	}

	ResponseEntity<byte[]> ranking(Caller caller, int year, Long orgId, Locale locale) {
		Scoreboard.Ranking ranking = scoreboard.ranking(caller, year, orgId, locale);
		List<Standing> standings = scoreboard.withIndicators(ranking, ranking.standings(), year);
		List<String> header = new ArrayList<>();
		for (String key : List.of("rank", "org", "type", "total", "stars", "stage")) {
			header.add(text(locale, "assessment.sheet." + key));
		}
		List<Indicator> columns = scoreboard.system(year).map(IndicatorSystem::indicators).orElse(List.of());
		columns.forEach(c -> header.add(c.name() + " (" + Scoring.plain(c.max()) + ")"));
		List<List<Object>> rows = new ArrayList<>();
		for (Standing s : standings) {
			List<Object> row = new ArrayList<>();
			row.add(s.rank());
			row.add(s.score().orgName());
			row.add(text(locale, "assessment.org-type." + s.score().orgType()));
			row.add(s.score().total());
			row.add(s.score().stars());
			row.add(text(locale, "assessment.stage." + s.stage()));
			for (Indicator c : columns) {
				row.add(s.score().indicator(c.code()).map(i -> (Object) i.score()).orElse(""));
			}
			rows.add(row);
		}
		events.publishEvent(new AssessmentChanged("assessment.export", "assessment", String.valueOf(year),
				year + (orgId == null ? "" : " @" + orgId) + ": " + rows.size()));
		String name = text(locale, "assessment.sheet.file", year);
		return Downloads.sheet(name + ".xlsx", "assessment-" + year + ".xlsx", name, header, rows);
	}

	private String text(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}
}
