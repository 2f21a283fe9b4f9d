import { configure } from '@testing-library/react';

// findBy… and waitFor give up after 1 s by default: on a machine whose other core is busy a page can take longer
// to answer, and no test may fail for it. A page that never shows what is awaited still fails, at this bound.
configure({ asyncUtilTimeout: 30_000 });
