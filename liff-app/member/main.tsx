import { boot } from '../src/app/boot.tsx';

void boot(document.getElementById('root')!);
