import { useStore } from '../../../lib/use-store.ts';
import { ExportSection } from './export-section.tsx';
import { ImportSection } from './import-section.tsx';
import { memberIoMessages } from './member-io-messages.ts';

/** Bringing in the shops' members from a CSV file (marketers and admins) and taking data out as CSV (admins). */
export function MemberIoPage({ canImport, canExport }: { canImport: boolean; canExport: boolean }) {
  const t = useStore(memberIoMessages);
  return (
    <div className="member-io">
      <div className="page-head">
        <h1>{t.heading}</h1>
      </div>
      {canImport && <ImportSection />}
      {canExport && <ExportSection />}
    </div>
  );
}
