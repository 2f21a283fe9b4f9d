import { useStore } from '../lib/use-store.ts';
import { Field } from './member-field.tsx';
import { joinMessages } from './member-form-messages.ts';

/** Gender, optional: the join form and the profile offer the same choices. */
export function GenderField({
  problem,
  defaultValue = '',
}: {
  problem?: string | undefined;
  defaultValue?: string;
}) {
  const t = useStore(joinMessages);
  return (
    <Field name="gender" label={t.gender} problem={problem}>
      {(props) => (
        <select {...props} defaultValue={defaultValue}>
          <option value="">{t.genderNone}</option>
          <option value="female">{t.female}</option>
          <option value="male">{t.male}</option>
          <option value="other">{t.other}</option>
        </select>
      )}
    </Field>
  );
}

/** The member's home store, among the open stores the join form lists. */
export function HomeStoreField({
  stores,
  problem,
  defaultValue = '',
}: {
  stores: { id: number; name: string }[];
  problem?: string | undefined;
  defaultValue?: number | '';
}) {
  const t = useStore(joinMessages);
  return (
    <Field name="homeStoreId" label={t.homeStore} problem={problem}>
      {(props) => (
        <select {...props} defaultValue={defaultValue}>
          <option value="">{t.chooseStore}</option>
          {stores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
