// Loaded before anything else (node --import ./db/select-engine.ts, as the npm scripts do): when DATABASE_URL
// names PostgreSQL, modules resolve under the engine-postgres condition, so that '#db/dialect/…' is
// PostgreSQL's (package.json "imports", ADR 0015). Otherwise nothing changes and SQLite is used.
import { registerHooks } from 'node:module';

if (/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '')) {
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      nextResolve(specifier, { ...context, conditions: [...context.conditions, 'engine-postgres'] }),
  });
}
