// Evidence merges this into its own svelte.config.js. The site is a single-page app: the build
// runs with VITE_EVIDENCE_SPA=true (cpw.reports.site), so no page is prerendered, and this
// fallback page is the app shell `cpw serve` answers every page address with (docs/reports.md,
// "Why the pages render in the browser").
import adapter from '@sveltejs/adapter-static';

export default {
	kit: {
		adapter: adapter({
			pages: process.env.EVIDENCE_BUILD_DIR ?? './build',
			fallback: '200.html',
			strict: false
		})
	}
};
