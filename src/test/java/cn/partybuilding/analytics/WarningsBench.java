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

	/**
	 * One export's times: to its first byte, to its first 8 KB (a servlet container's first flush), to its last; the CPU
	 * time and the MB allocated by the thread that wrote it.
	 */
	public record Streamed(double firstByteMs, double first8kMs, double lastByteMs, long bytes, double cpuMs,
			double allocatedMb) {
	}

	/** Sets how many rows of the kept copy an export reads a query. */
	public static void exportChunk(ApplicationContext context, int rows) {
		context.getBean(WarningCentre.class).exportChunk(rows);
	}

	/**
	 * The Excel of the whole scope of this account at an organisation, its method called straight (no MockMvc, no
	 * security filters), into a response that notes when its first byte and its first 8 KB (a servlet container's
	 * buffer, flushed to the client when full) were written.
	 */
	public static Streamed exportAtRoot(ApplicationContext context, String username, long orgId) {
		cn.partybuilding.shared.Caller caller = context.getBean(cn.partybuilding.account.AccountManagement.class)
			.callerFor(username);
		var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		long allocated = threads.getCurrentThreadAllocatedBytes();
		long started = System.nanoTime();
		long[] at = { 0, 0, 0 };
		var out = new jakarta.servlet.ServletOutputStream() {

			@Override
			public void write(int b) {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				if (at[2] == 0 && len > 0) {
					at[0] = System.nanoTime();
				}
				if (at[2] < 8192 && at[2] + len >= 8192) {
					at[1] = System.nanoTime();
				}
				at[2] += len;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(jakarta.servlet.WriteListener listener) {
			}
		};
		var response = new org.springframework.mock.web.MockHttpServletResponse() {

			@Override
			public jakarta.servlet.ServletOutputStream getOutputStream() {
				return out;
			}
		};
		try {
			context.getBean(WarningPages.class)
				.sheet(caller, new WarningCentre.Filter(orgId, null, null), Locale.SIMPLIFIED_CHINESE, response);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		long ended = System.nanoTime();
		return new Streamed((at[0] - started) / 1e6, (at[1] - started) / 1e6, (ended - started) / 1e6, at[2],
				(threads.getCurrentThreadCpuTime() - cpu) / 1e6, (threads.getCurrentThreadAllocatedBytes() - allocated) / 1048576.0);
	}
}
