package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A person's paper: the questions they get, in their order, with each question's options in their order. A drawn
 * paper is drawn from the pools stored with the exam, by a generator seeded with the exam's seed, the account and
 * the attempt number — so the same paper comes out whenever it is drawn again, and no two people need share one.
 */
final class Papers {

	/** One question of a paper: its score here, and the original index of each option in the order shown. */
	record Item(long questionId, BigDecimal score, int[] order) {
	}

	private Papers() {
	}

	static long seedOf(long examSeed, long accountId, int attempt) {
		long z = examSeed ^ (accountId * 0x9E3779B97F4A7C15L) ^ ((long) attempt << 32);
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	static List<Item> draw(Exams.Exam exam, long accountId, int attempt, Map<Long, QuestionBank.Stored> questions) {
		SplittableRandom random = new SplittableRandom(seedOf(exam.seed(), accountId, attempt));
		Set<Long> taken = new LinkedHashSet<>();
		List<Item> items = new ArrayList<>();
		for (Exams.Part part : exam.parts()) {
			List<Long> chosen = part.fixed() ? part.pool() : sample(part.pool(), part.draw(), taken, random);
			for (Long id : chosen) {
				QuestionBank.Stored q = questions.get(id);
				taken.add(id);
				items.add(new Item(id, part.score() != null ? part.score() : q.score(), new int[0]));
			}
		}
		if (exam.shuffle()) {
			shuffle(items, random);
		}
		List<Item> out = new ArrayList<>(items.size());
		for (Item item : items) {
			QuestionBank.Stored q = questions.get(item.questionId());
			int options = q.type().hasOptions() ? q.options().size() : 0;
			int[] order = new int[options];
			for (int i = 0; i < options; i++) {
				order[i] = i;
			}
			if (exam.shuffle()) {
				for (int i = options - 1; i > 0; i--) {
					int j = random.nextInt(i + 1);
					int t = order[i];
					order[i] = order[j];
					order[j] = t;
				}
			}
			out.add(new Item(item.questionId(), item.score(), order));
		}
		return out;
	}

	/** {@code count} of the pool not drawn yet by an earlier rule, by a partial Fisher–Yates shuffle. */
	private static List<Long> sample(List<Long> pool, int count, Set<Long> taken, SplittableRandom random) {
		List<Long> free = new ArrayList<>(pool.size());
		for (Long id : pool) {
			if (!taken.contains(id)) {
				free.add(id);
			}
		}
		int n = Math.min(count, free.size());
		for (int i = 0; i < n; i++) {
			int j = i + random.nextInt(free.size() - i);
			Long t = free.get(i);
			free.set(i, free.get(j));
			free.set(j, t);
		}
		return new ArrayList<>(free.subList(0, n));
	}

	private static <T> void shuffle(List<T> list, SplittableRandom random) {
		for (int i = list.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			T t = list.get(i);
			list.set(i, list.get(j));
			list.set(j, t);
		}
	}
}
