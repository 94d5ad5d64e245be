package cn.partybuilding.analytics;

import java.nio.charset.StandardCharsets;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.SecretarySeat;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.Warnings;

/**
 * The early-warning centre (预警): every module's rule-based warnings ({@link Warnings}) for the organisations of a
 * scope, each with its organisation's name, the person responsible (the module's, else the organisation's sitting
 * secretary), its college (for the counts per college) and its text. No rule is computed here.
 */
@Service
@Transactional(readOnly = true)
class WarningCentre {

	/** Who sees the warnings of their subtree: the staff of the committee, a general branch, a branch. */
	static final Role[] STAFF = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	/** The kinds the modules raise, in the order the filter offers them (label: {@code warning.<kind>}). */
	static final List<String> KINDS = List.of("development.talk", "development.approval", "orglife.gap", "dues.arrears",
			"transfer.pocket", "organization.term", "organization.size", "learning.outline", "interaction.letter",
			"member.probation");

	/** The longest due-within filter, in days. */
	static final int MAX_WITHIN = 366;

	/**
	 * One warning as the centre shows it; {@code message} and {@code kindName} already in the reader's language;
	 * {@code cursor} the {@code after} of the page that follows it.
	 */
	record Warning(String kind, String kindName, long orgId, String orgName, String college, String responsible,
			LocalDate since, LocalDate due, String link, String message, String cursor) {
	}

	/**
	 * A page of warnings in the centre's order: {@code next} the {@code after} of the next page (null: the last),
	 * {@code total} how many the filter finds in all, {@code counts} how many of them each college holds; {@code asOf}
	 * when the kept copy read was computed (null: raised now).
	 */
	record Page(List<Warning> rows, String next, int total, Map<String, Long> counts, Instant asOf) {

		/** A page raised now (no kept copy). */
		Page(List<Warning> rows, String next, int total, Map<String, Long> counts) {
			this(rows, next, total, counts, null);
		}
	}

	/** A filter: one subtree (null: the caller's scope), one kind (null: all), due within so many days (null: any). */
	record Filter(Long orgId, String kind, Integer within) {
	}

	private final List<Warnings> sources;

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final Clock clock;

	private final Duration cacheFor;

	private final Map<Set<Long>, Counted> counts = new ConcurrentHashMap<>();

	private final WarningKeeper keeper;

	private volatile int liveUpTo;

	/** Rows of the kept copy an export reads at a time. */
	private volatile int exportChunk = 1000;

	private final TransactionTemplate readOnly;

	private record Counted(int count, Instant at) {
	}

	WarningCentre(List<Warnings> sources, OrganizationScope scope, OrganizationTree tree, MessageSource messages,
			Clock clock, @Value("${party.analytics.warnings.count-cache-seconds:300}") int cacheSeconds, WarningKeeper keeper,
			@Value("${party.analytics.warnings.live-up-to:1000}") int liveUpTo, TransactionTemplate tx) {
		this.readOnly = new TransactionTemplate(tx.getTransactionManager(), tx);
		this.readOnly.setReadOnly(true);
		this.keeper = keeper;
		this.liveUpTo = liveUpTo;
		this.sources = sources;
		this.scope = scope;
		this.tree = tree;
		this.messages = messages;
		this.clock = clock;
		this.cacheFor = Duration.ofSeconds(cacheSeconds);
	}

	LocalDate today() {
		return LocalDate.now(clock.withZone(PlatformZone.ZONE));
	}

	/** Does the caller see warnings at all (a staff role somewhere)? */
	static boolean reads(Caller caller) {
		return caller.has(STAFF);
	}

	/**
	 * The caller's warnings, filtered and sorted by due date (none last), then since: one subtree they reach (else the
	 * audited 404) or their whole scope; 403 without a staff role.
	 */
	List<Warning> forCaller(Caller caller, Filter filter, Locale locale) {
		return pageFor(caller, filter, null, Integer.MAX_VALUE, locale).rows();
	}

	/**
	 * What a reader's warnings are read from, resolved once: the organisations in scope, where the kept copy is filtered
	 * to them (null: the whole tree, no filter), the kind (null: all), due by (null: any), and the kept copy read
	 * ({@code copy}; null: raised now).
	 */
	record Selection(Set<Long> orgs, Collection<Long> where, String kind, LocalDate today, LocalDate dueBy,
			WarningKeeper.Kept copy) {
	}

	/**
	 * The caller's warnings under a filter, resolved: the filter checked (400), the subtree asked for reached (else the
	 * audited 404), a staff role (else 403), the source chosen ({@link #source}). An export asks it before its first byte.
	 */
	Selection select(Caller caller, Filter filter) {
		check(filter);
		return resolve(caller, filter);
	}

	private Selection resolve(Caller caller, Filter filter) {
		Set<Long> orgs = scope.covered(caller, filter.orgId(), "warnings", STAFF);
		LocalDate today = today();
		String kind = filter.kind() == null || filter.kind().isBlank() ? null : filter.kind();
		LocalDate dueBy = filter.within() == null ? null : today.plusDays(filter.within());
		WarningKeeper.Kept copy = source(orgs).orElse(null);
		Collection<Long> where = copy != null && scope.coversWholeTree(caller, filter.orgId(), STAFF) ? null : orgs;
		return new Selection(orgs, where, kind, today, dueBy, copy);
	}

	/**
	 * A page of {@link #forCaller}: at most {@code size} warnings after the cursor {@code after} (null: from the first).
	 * A scope of up to {@code party.analytics.warnings.live-up-to} organisations raises its warnings now (only the
	 * page's are written out: their text, secretary and college); a larger one (a province) reads the kept copy
	 * ({@link WarningKeeper}), said by the page's {@code asOf}.
	 */
	Page pageFor(Caller caller, Filter filter, String after, int size, Locale locale) {
		check(filter);
		Cursor from = after == null || after.isBlank() ? null : Cursor.parse(after);
		Selection selection = resolve(caller, filter);
		Texts texts = new Texts(locale);
		if (selection.copy() != null) {
			WarningKeeper.Found found = keeper.page(selection.copy(), selection.where(), selection.kind(), selection.dueBy(),
					from, size);
			return kept(found, selection.copy(), texts);
		}
		return page(live(selection), from, size, texts);
	}

	/** The warnings of a selection raised now, filtered (not yet ordered or written out). */
	private List<Warnings.Raised> live(Selection selection) {
		String kind = selection.kind();
		LocalDate dueBy = selection.dueBy();
		return raised(selection.orgs(), selection.today()).stream()
			.filter(w -> kind == null || w.kind().equals(kind))
			.filter(w -> dueBy == null || w.due() != null && !w.due().isAfter(dueBy))
			.toList();
	}

	/**
	 * Hands a selection's warnings ({@link #forCaller}: the same scope, filter and order) one at a time to {@code sink},
	 * for an export: the kept copy is read {@link #exportChunk} rows at a time by its keyset order (no counts), so a
	 * province's rows are never all in memory; a small scope raises its warnings now, as the list does. Answers how many
	 * were handed. Outside a transaction: the sink may be a client reading slowly, and each page of the kept copy is a
	 * query of its own, so no connection is held between them.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	int each(Selection selection, Locale locale, Consumer<Warning> sink) {
		Texts texts = new Texts(locale);
		if (selection.copy() == null) {
			// a small scope: its rows raised and written out in one read-only transaction, as the list does, then handed
			List<Warning> rows = readOnly.execute(s -> page(live(selection), null, Integer.MAX_VALUE, texts).rows());
			rows.forEach(sink);
			return rows.size();
		}
		int handed = 0;
		Cursor from = null;
		WarningKeeper.Found found;
		do {
			found = keeper.page(selection.copy(), selection.where(), selection.kind(), selection.dueBy(), from,
					Math.max(1, exportChunk), false);
			for (WarningKeeper.Row k : found.rows()) {
				sink.accept(written(k.raised(), k.orgName(), k.college(), k.responsible(), texts, null));
				handed++;
			}
			// the next page starts after this one's last row
			from = found.rows().isEmpty() ? from : keyOf(found.rows().get(found.rows().size() - 1));
		}
		while (found.more());
		return handed;
	}

	/**
	 * Where a scope's warnings are read from: the kept copy ({@link WarningKeeper}) when it holds more than
	 * {@code party.analytics.warnings.live-up-to} organisations (a province), else none: raised now. The list, the API,
	 * the export, the reports and the home page's count all choose here.
	 */
	private Optional<WarningKeeper.Kept> source(Collection<Long> orgs) {
		return orgs.size() > liveUpTo ? Optional.of(keeper.current()) : Optional.empty();
	}

	/**
	 * Sets {@code party.analytics.warnings.live-up-to} (the counts kept for the home page forgotten): for the tests,
	 * which read one scope both ways.
	 */
	void liveUpTo(int organisations) {
		liveUpTo = organisations;
		counts.clear();
	}

	int liveUpTo() {
		return liveUpTo;
	}

	/** Sets how many rows of the kept copy an export reads at a time: for the tests, which page through a few rows. */
	void exportChunk(int rows) {
		exportChunk = rows;
	}

	/** A page of the kept copy written out in the reader's language. */
	private Page kept(WarningKeeper.Found found, WarningKeeper.Kept copy, Texts texts) {
		List<Warning> rows = new ArrayList<>(found.rows().size());
		for (WarningKeeper.Row k : found.rows()) {
			rows.add(written(k.raised(), keyOf(k), k.college(), k.responsible(), texts));
		}
		String next = found.more() ? rows.get(rows.size() - 1).cursor() : null;
		return new Page(rows, next, found.total(), found.counts(), copy.computedAt());
	}

	private static Cursor keyOf(WarningKeeper.Row k) {
		Warnings.Raised r = k.raised();
		return new Cursor(r.due(), r.since(), k.orgName(), r.kind(), r.href() == null ? "" : r.href(), k.sortText(), r.orgId());
	}

	private Warning written(Warnings.Raised r, Cursor key, String college, String responsible, Texts texts) {
		return written(r, key.orgName(), college, responsible, texts, key);
	}

	/** A warning written out; {@code key} null leaves its cursor empty (an export pages by the last row's key). */
	private Warning written(Warnings.Raised r, String orgName, String college, String responsible, Texts texts, Cursor key) {
		return new Warning(r.kind(), texts.kindName(r.kind()), r.orgId(), orgName, college, responsible, r.since(), r.due(),
				r.href(), texts.message(r.messageKey(), r.args()), key == null ? "" : key.encode());
	}

	/**
	 * The warnings' texts in one language for one read: each kind's name and each message's format looked up once, not
	 * once a row (a province's export writes 70 000). The same text as {@link MessageSource#getMessage}: a message
	 * without arguments as it stands, one with arguments through a {@link MessageFormat} of its pattern in the locale
	 * (a number in a plain placeholder written by one {@link NumberFormat} of the locale, as MessageFormat writes it);
	 * a key without a message as {@link MessageSource} answers it.
	 */
	private final class Texts {

		private final Locale locale;

		private final Map<String, String> names = new HashMap<>();

		private final Map<String, Optional<String>> plain = new HashMap<>();

		private final Map<String, Optional<MessageFormat>> formats = new HashMap<>();

		private final Map<String, Optional<Placeholders>> placeholders = new HashMap<>();

		private NumberFormat numbers;

		Texts(Locale locale) {
			this.locale = locale;
		}

		String kindName(String kind) {
			return names.computeIfAbsent(kind, k -> messages.getMessage("warning." + k, null, k, locale));
		}

		String message(String key, List<Object> args) {
			Optional<String> pattern = plain.computeIfAbsent(key, k -> Optional.ofNullable(messages.getMessage(k, null, null, locale)));
			if (pattern.isEmpty()) {
				return messages.getMessage(key, args.toArray(), key, locale);
			}
			if (args.isEmpty()) {
				return pattern.get();
			}
			Optional<Placeholders> split = placeholders.computeIfAbsent(key, k -> Placeholders.of(pattern.get(), locale));
			if (split.isPresent() && split.get().writes(args)) {
				return split.get().format(args, numbers());
			}
			MessageFormat format = formats.computeIfAbsent(key, k -> Optional.of(new MessageFormat(pattern.get(), locale))).get();
			Object[] values = args.toArray();
			Format[] byArgument = format.getFormatsByArgumentIndex();
			for (int i = 0; i < values.length; i++) {
				// a number in a plain {i}: MessageFormat would make a NumberFormat of the locale for it each time
				if (values[i] instanceof Number n && (i >= byArgument.length || byArgument[i] == null)
						&& !pattern.get().contains("{" + i + ",")) {
					values[i] = numbers().format(n);
				}
			}
			return format.format(values);
		}

		private NumberFormat numbers() {
			if (numbers == null) {
				numbers = NumberFormat.getInstance(locale);
			}
			return numbers;
		}
	}

	/**
	 * A message pattern whose placeholders are all plain ({@code {0}}, never {@code {0,number}}), split once into its
	 * texts and the arguments between them, so a row's message is a few appends instead of a {@link MessageFormat} run
	 * (a sixth of a province's export). The split is MessageFormat's own: the pattern formatted once with a marker for
	 * each argument, so its quoting rules hold. It writes what MessageFormat writes for a string, a number (by the
	 * locale's {@link NumberFormat}), null and a missing argument; any other argument goes through MessageFormat.
	 */
	record Placeholders(String[] texts, int[] arguments) {

		private static final char OPEN = '\uE000';

		private static final char CLOSE = '\uE001';

		/** The split of a pattern; none when it has a placeholder with a format or holds the markers itself. */
		static Optional<Placeholders> of(String pattern, Locale locale) {
			MessageFormat format = new MessageFormat(pattern, locale);
			for (Format f : format.getFormats()) {
				if (f != null) {
					return Optional.empty();
				}
			}
			Object[] markers = new Object[format.getFormatsByArgumentIndex().length];
			for (int i = 0; i < markers.length; i++) {
				markers[i] = OPEN + Integer.toString(i) + CLOSE;
			}
			String marked = format.format(markers);
			String bare = format.format(new Object[markers.length]);
			if (bare.indexOf(OPEN) >= 0 || bare.indexOf(CLOSE) >= 0) {
				return Optional.empty();
			}
			List<String> texts = new ArrayList<>();
			List<Integer> arguments = new ArrayList<>();
			int from = 0;
			for (int open = marked.indexOf(OPEN); open >= 0; open = marked.indexOf(OPEN, from)) {
				int close = marked.indexOf(CLOSE, open);
				texts.add(marked.substring(from, open));
				arguments.add(Integer.parseInt(marked.substring(open + 1, close)));
				from = close + 1;
			}
			texts.add(marked.substring(from));
			return Optional.of(new Placeholders(texts.toArray(String[]::new), arguments.stream().mapToInt(Integer::intValue).toArray()));
		}

		/** Are these arguments all of the kinds written here (strings, numbers, null)? */
		boolean writes(List<Object> args) {
			for (Object a : args) {
				if (a != null && !(a instanceof String) && !(a instanceof Number)) {
					return false;
				}
			}
			return true;
		}

		String format(List<Object> args, NumberFormat numbers) {
			StringBuilder out = new StringBuilder(64);
			for (int i = 0; i < arguments.length; i++) {
				out.append(texts[i]);
				int a = arguments[i];
				if (a >= args.size()) {
					out.append('{').append(a).append('}');
				}
				else {
					Object v = args.get(a);
					out.append(v instanceof Number n ? numbers.format(n) : String.valueOf(v));
				}
			}
			return out.append(texts[arguments.length]).toString();
		}
	}

	/** The filter's mistakes, all at once. */
	static void check(Filter filter) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (filter.kind() != null && !filter.kind().isBlank() && !KINDS.contains(filter.kind())) {
			problems.add(new FieldProblem.Problem("kind", "warning.filter.kind.unknown", new Object[0]));
		}
		if (filter.within() != null && (filter.within() < 0 || filter.within() > MAX_WITHIN)) {
			problems.add(new FieldProblem.Problem("within", "warning.filter.within.range", new Object[] { MAX_WITHIN }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
	}

	/**
	 * How many warnings the subtrees of these organisations hold, kept a few minutes: the home asks on every visit. A
	 * scope above {@code party.analytics.warnings.live-up-to} organisations counts the kept copy, as its list reads it.
	 */
	int countFor(Set<Long> rootIds) {
		Set<Long> roots = new TreeSet<>(rootIds);
		if (roots.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		Counted kept = counts.get(roots);
		if (kept != null && kept.at().plus(cacheFor).isAfter(now)) {
			return kept.count();
		}
		int count = count(roots);
		counts.put(roots, new Counted(count, now));
		return count;
	}

	private int count(Set<Long> roots) {
		Set<Long> orgs = scope.subtrees(roots);
		Optional<WarningKeeper.Kept> copy = source(orgs);
		if (copy.isPresent()) {
			// these subtrees the whole tree: the count leaves its organisation filter out
			return keeper.count(copy.get(), scope.subtreesCoverWholeTree(roots) ? null : orgs);
		}
		// each module counts its own, most in the database: building every warning of a province to count them ran
		// out of a 512 MB heap
		LocalDate today = today();
		int count = 0;
		for (Warnings source : sources) {
			count += source.count(orgs, today);
		}
		return count;
	}

	/** Every module's warnings for these organisations, unresolved. */
	List<Warnings.Raised> raised(Collection<Long> orgs, LocalDate today) {
		if (orgs.isEmpty()) {
			return List.of();
		}
		List<Warnings.Raised> all = new ArrayList<>();
		for (Warnings source : sources) {
			all.addAll(source.raisedIn(orgs, today));
		}
		return all;
	}

	/**
	 * What a report says of a subtree's warnings: how many, the first {@code lines} in the centre's order, how many of
	 * each kind and in each college; from the kept copy (its {@code asOf}) when the subtree is larger than the
	 * live setting.
	 */
	record Summary(int total, List<Warning> first, Map<String, Long> byKind, Map<String, Long> byCollege, Instant asOf) {
	}

	/** The {@link Summary} of an organisation's subtree (no caller: for the reports). */
	Summary summary(long orgId, int lines, Locale locale) {
		Set<Long> orgs = scope.subtree(orgId);
		Map<String, Long> byKind = new TreeMap<>();
		Page page;
		Optional<WarningKeeper.Kept> copy = source(orgs);
		if (copy.isPresent()) {
			page = kept(keeper.page(copy.get(), orgs, null, null, null, lines), copy.get(), new Texts(locale));
			byKind.putAll(keeper.countsByKind(copy.get(), orgs));
		}
		else {
			List<Warnings.Raised> raised = raised(orgs, today());
			raised.forEach(r -> byKind.merge(r.kind(), 1L, Long::sum));
			page = page(raised, null, lines, new Texts(locale));
		}
		Map<String, Long> named = new TreeMap<>();
		byKind.forEach((k, n) -> named.put(messages.getMessage("warning." + k, null, k, locale), n));
		return new Summary(page.total(), page.rows(), named, page.counts(), page.asOf());
	}

	/**
	 * Where a warning stands in the centre's order: due (none last), since (none last), organisation name, kind, link,
	 * text, then the organisation's id (two branches of one name warned alike stay apart, in one order live and kept).
	 */
	record Cursor(LocalDate due, LocalDate since, String orgName, String kind, String link, String text, long orgId) {

		static final Comparator<Cursor> ORDER = Comparator.comparing(Cursor::due, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Cursor::since, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Cursor::orgName).thenComparing(Cursor::kind).thenComparing(Cursor::link).thenComparing(Cursor::text)
			.thenComparingLong(Cursor::orgId);

		static Cursor of(Warnings.Raised r, String orgName) {
			return new Cursor(r.due(), r.since(), orgName, r.kind(), r.href() == null ? "" : r.href(), r.messageKey() + r.args(),
					r.orgId());
		}

		/** Its fields, each base64url, joined by dots (a date absent: empty). */
		String encode() {
			return String.join(".", part(due == null ? "" : due.toString()), part(since == null ? "" : since.toString()),
					part(orgName), part(kind), part(link), part(text), part(Long.toString(orgId)));
		}

		/** The cursor of {@link #encode} (one of six parts, before the id was added: before every id); else a 400 on {@code after}. */
		static Cursor parse(String after) {
			try {
				String[] p = after.split("\\.", -1);
				if (p.length != 6 && p.length != 7) {
					throw new IllegalArgumentException("six or seven parts expected");
				}
				String due = text(p[0]);
				String since = text(p[1]);
				return new Cursor(due.isEmpty() ? null : LocalDate.parse(due), since.isEmpty() ? null : LocalDate.parse(since),
						text(p[2]), text(p[3]), text(p[4]), text(p[5]), p.length == 7 ? Long.parseLong(text(p[6])) : Long.MIN_VALUE);
			}
			catch (RuntimeException e) {
				throw new FieldProblem(List.of(new FieldProblem.Problem("after", "warning.filter.after.invalid", new Object[0])));
			}
		}

		private static String part(String value) {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
		}

		private static String text(String part) {
			return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
		}
	}

	/**
	 * These warnings in the centre's order, the page after {@code from} written out; the counts per college are of
	 * them all, from their organisations (read once with their ancestors), not from written rows.
	 */
	private Page page(List<Warnings.Raised> raised, Cursor from, int size, Texts texts) {
		if (raised.isEmpty()) {
			return new Page(List.of(), null, 0, Map.of());
		}
		Set<Long> ids = new HashSet<>();
		raised.forEach(r -> ids.add(r.orgId()));
		Map<Long, OrgRef> refs = withAncestors(scope, ids);
		Map<Long, String> colleges = new HashMap<>();
		Map<String, Long> counts = new TreeMap<>();
		List<Map.Entry<Cursor, Warnings.Raised>> keyed = new ArrayList<>();
		for (Warnings.Raised r : raised) {
			OrgRef org = refs.get(r.orgId());
			counts.merge(colleges.computeIfAbsent(r.orgId(), id -> college(org, refs)), 1L, Long::sum);
			Cursor key = Cursor.of(r, org == null ? "" : org.name());
			if (from == null || Cursor.ORDER.compare(key, from) > 0) {
				keyed.add(Map.entry(key, r));
			}
		}
		keyed.sort(Map.Entry.comparingByKey(Cursor.ORDER));
		List<Map.Entry<Cursor, Warnings.Raised>> shown = keyed.size() > size ? keyed.subList(0, size) : keyed;
		Set<Long> shownOrgs = new HashSet<>();
		shown.forEach(e -> shownOrgs.add(e.getValue().orgId()));
		Map<Long, String> secretaries = new HashMap<>();
		for (SecretarySeat s : tree.sittingSecretaries(shownOrgs)) {
			secretaries.merge(s.organizationId(), s.holderName(), (a, b) -> a + "、" + b);
		}
		List<Warning> rows = new ArrayList<>(shown.size());
		for (Map.Entry<Cursor, Warnings.Raised> e : shown) {
			Warnings.Raised r = e.getValue();
			String responsible = r.responsible() != null ? r.responsible() : secretaries.getOrDefault(r.orgId(), "");
			rows.add(written(r, e.getKey(), colleges.get(r.orgId()), responsible, texts));
		}
		String next = keyed.size() > size ? rows.get(rows.size() - 1).cursor() : null;
		return new Page(rows, next, raised.size(), counts);
	}

	/** The organisations and every one above them, read a level at a time. */
	static Map<Long, OrgRef> withAncestors(OrganizationScope scope, Set<Long> ids) {
		Map<Long, OrgRef> refs = new HashMap<>();
		Set<Long> wanted = new HashSet<>(ids);
		while (!wanted.isEmpty()) {
			Set<Long> next = new HashSet<>();
			for (OrgRef o : scope.findAll(wanted)) {
				refs.put(o.id(), o);
				if (o.parentId() != null && !refs.containsKey(o.parentId())) {
					next.add(o.parentId());
				}
			}
			next.removeAll(refs.keySet());
			wanted = next;
		}
		return refs;
	}

	/**
	 * The college of an organisation: its ancestor right below its school's 党委 (the 党委 itself for a school or the
	 * province above the schools).
	 */
	static String college(OrgRef org, Map<Long, OrgRef> refs) {
		if (org == null) {
			return "";
		}
		OrgRef current = org;
		while (current.type() != OrgType.COMMITTEE && current.parentId() != null) {
			OrgRef parent = refs.get(current.parentId());
			if (parent == null || parent.type() == OrgType.COMMITTEE) {
				return current.name();
			}
			current = parent;
		}
		return current.name();
	}
}
