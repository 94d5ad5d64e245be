package cn.partybuilding.member;

import java.util.List;
import java.util.Map;

/**
 * Who the members of some organisations were on a day: how many, full and probationary, and how many in each bucket
 * of six dimensions — {@code category}, {@code gender}, {@code education} (the enum names), {@code age} and
 * {@code partyAge} (bands such as {@code 25-34}, {@code 65-}; 党龄 counts from the conversion date, so a probationary
 * member is in {@code none}, a full member without a conversion date on file in {@code unknown}) and
 * {@code graduation} (students' year, or {@code unknown}). Buckets in display order;
 * an empty bucket is absent. And how many each organisation holds (where they are now).
 */
public record Composition(long total, long full, long probationary, Map<String, Map<String, Long>> byDimension,
		Map<Long, Long> byOrganization) {

	public static final List<String> DIMENSIONS = List.of("category", "gender", "education", "age", "partyAge",
			"graduation");

	public Composition {
		byDimension = Map.copyOf(byDimension);
		byOrganization = Map.copyOf(byOrganization);
	}
}
