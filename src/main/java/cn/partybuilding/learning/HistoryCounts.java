package cn.partybuilding.learning;

/**
 * What {@link LearningRecords#recordHistory} wrote: progress rows, outlines counted as finished, and days with
 * points.
 */
public record HistoryCounts(int progress, int outlinesFinished, int pointDays) {
}
