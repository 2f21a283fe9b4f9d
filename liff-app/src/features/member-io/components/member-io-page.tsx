import { useStore } from '../../../lib/use-store.ts';
import { ExportSection } from './export-section.tsx';
import { ImportSection } from './import-section.tsx';
import { memberIoMessages } from './member-io-messages.ts';

/** The admins' page for bringing in the shops' members from a CSV file and taking data out as CSV (issue 16). */
export function MemberIoPage({ canImport, canExport }: { canImport: boolean; canExport: boolean }) {
  const t = useStore(memberIoMessages);
  return (
    <div className="member-io">
      <h1>{t.heading}</h1>
      {canImport && <ImportSection />}
      {canExport && <ExportSection />}
    </div>
  );
}
