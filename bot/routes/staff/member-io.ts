import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Engine } from '../../../db/engine.ts';
import { EXPORTS, exportRows, startExport } from '../../domain/member-exports.ts';
import { errorReportRows } from '../../domain/member-imports/error-report.ts';
import { IMPORT_MAX_BYTES } from '../../domain/member-imports/file-rows.ts';
import { type MemberImport, previewImport, previewOf } from '../../domain/member-imports/preview.ts';
import { findImport, startImport } from '../../domain/member-imports/run.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  ImportIdParams,
  ImportUploadQuery,
  ImportView,
  TOTAL_ROWS_HEADER,
} from '../../schemas/member-io-api.ts';

async function viewOf(engine: Engine, memberImport: MemberImport): Promise<ImportView> {
  const { memberImport: kept, ...preview } = await previewOf(engine, memberImport);
  const { id, fileName, status, rows, invalidRows, processedRows, importedRows, existingRows } = kept;
  return { id, fileName, status, rows, invalidRows, processedRows, importedRows, existingRows, ...preview };
}

/** Sends rows as a CSV download with a byte-order mark (Excel then reads the zh-TW as UTF-8), as they come. */
function sendCsv(reply: FastifyReply, fileName: string, rows: AsyncIterable<unknown[]>) {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
  reply.header('cache-control', 'no-store');
  return reply.send(Readable.from(rows).pipe(stringify({ bom: true })));
}

/**
 * Importing members from a CSV file (the file is the body, up to 20 MB: text/csv) and exporting members, points and
 * coupons as CSV, streamed with the row count in x-total-rows: admins (member.import, member.export).
 */
export const memberIoRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser(
    ['text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.post(
    '/member-imports',
    {
      onRequest: requireStaff('member.import'),
      bodyLimit: IMPORT_MAX_BYTES,
      schema: { querystring: ImportUploadQuery, response: { 200: ImportView } },
    },
    async (request) => {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { memberImport } = await previewImport(
        app.engine,
        { bytes, fileName: request.query.fileName },
        actorOf(request),
        app.clock.now(),
      );
      return viewOf(app.engine, memberImport);
    },
  );
  app.post(
    '/member-imports/:id/run',
    {
      onRequest: requireStaff('member.import'),
      schema: { params: ImportIdParams, response: { 202: ImportView } },
    },
    async (request, reply) => {
      const started = await startImport(app.engine, request.params.id, actorOf(request), app.clock.now());
      app.memberImports.wake();
      return reply.code(202).send(await viewOf(app.engine, started));
    },
  );
  app.get(
    '/member-imports/:id',
    {
      onRequest: requireStaff('member.import'),
      schema: { params: ImportIdParams, response: { 200: ImportView } },
    },
    async (request) => viewOf(app.engine, await findImport(app.engine, request.params.id, actorOf(request))),
  );
  app.get(
    '/member-imports/:id/errors.csv',
    { onRequest: requireStaff('member.import'), schema: { params: ImportIdParams } },
    async (request, reply) => {
      const found = await findImport(app.engine, request.params.id, actorOf(request));
      return sendCsv(reply, `import-${found.id}-errors.csv`, errorReportRows(app.engine, found.id));
    },
  );
  for (const kind of EXPORTS) {
    app.get(`/exports/${kind}.csv`, { onRequest: requireStaff('member.export') }, async (request, reply) => {
      const rows = await startExport(app.engine, kind, actorOf(request), app.clock.now());
      reply.header(TOTAL_ROWS_HEADER, String(rows));
      return sendCsv(reply, `${kind}.csv`, exportRows(app.engine, kind));
    });
  }
};
