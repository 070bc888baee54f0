#!/usr/bin/python3
"""Freezes gen_esp32part.py v1.5's answers for --secure and --extra-partition-subtypes corner cases.

usage: /usr/bin/python3 gen32_oracle.py GEN_ESP32PART_PY OUT_JSON [--sweep N SEED]

GEN_ESP32PART_PY is ESP-IDF v5.5's components/partition_table/gen_esp32part.py (version string 1.5; the file is
identical in tags v5.5 … v5.5.5; not part of this repository: `git show v5.5:components/partition_table/gen_esp32part.py`
of github.com/espressif/esp-idf). It needs nothing but the Python 3 standard library.

Each case below is an input (CSV text, or a binary the tool first made from a CSV with --no-verify) and the options;
the tool runs once per case as its own process (its subtype table is global and --extra-partition-subtypes changes
it), with `-q`, an empty environment, in a scratch directory: `gen_esp32part.py -q IN OUT OPTIONS…` (the options come
last because --extra-partition-subtypes takes every argument after it). OUT_JSON (lib/src/test/resources/
gen32-oracle/cases.json) gets, per case: the exit status; stderr (exit 1 means the tool crashed with a Python
traceback: `stderr` is what it printed before the traceback, `crash` the traceback's last line); for CSV input the
binary it wrote as hex (one 32-byte row per line, up to the last row that is not all 0xFF; the rest is 0xFF up to
0xC00) with its MD5, and `decoded`: what the tool printed when it read that binary back with the same options; for
binary input the CSV it printed. Read by Gen32OracleTest.

With --sweep N SEED it writes N random cases instead (rows, --secure, good and bad --extra-partition-subtypes
entries, --no-verify, --flash-size, binary input), for a differential run that is not committed:
    /usr/bin/python3 gen32_oracle.py gen_esp32part.py /tmp/sweep.json --sweep 400 1
    mvn -o -pl lib test -Dtest=Gen32OracleTest -Dgen32.oracle=/tmp/sweep.json
"""
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile

GEN = os.path.abspath(sys.argv[1])
OUT = sys.argv[2]

E = '--extra-partition-subtypes'
S = '--secure'
APPS = 'nvs,data,nvs,0x9000,0x6000\notadata,data,ota,0xf000,0x2000\n'

# (name, csv, options, binary): binary=True decodes the binary the tool made from csv with --no-verify
CASES = [
    # --secure: the size of app partitions (offsets are 0x10000-aligned whatever the option)
    ('secure_default_app_size_4k', APPS + 'factory,app,factory,0x20000,0x11000\n', [], False),
    ('secure_v1_app_size_4k', APPS + 'factory,app,factory,0x20000,0x11000\n', [S], False),
    ('secure_v1_explicit_app_size_4k', APPS + 'factory,app,factory,0x20000,0x11000\n', [S, 'v1'], False),
    ('secure_v2_app_size_4k', APPS + 'factory,app,factory,0x20000,0x11000\n', [S, 'v2'], False),
    ('secure_v2_app_size_2k', APPS + 'factory,app,factory,0x20000,0x10800\n', [S, 'v2'], False),
    ('secure_v1_app_size_64k', APPS + 'factory,app,factory,0x20000,1M\nota_0,app,ota_0,,0x1F0000\n', [S], False),
    ('secure_v1_ota_slot_misaligned', APPS + 'ota_0,app,ota_0,0x20000,1M\nota_1,app,ota_1,,0x1FF000\n', [S], False),
    ('secure_v1_data_sizes_free', 'nvs,data,nvs,0x9000,0x3800\nphy,data,phy,,0x800\nfs,data,spiffs,,0x1234\n'
     'c,0x40,0x7,,0x999\nfactory,app,factory,,1M\n', [S], False),
    ('secure_v1_no_verify', APPS + 'factory,app,factory,0x20000,0x11000\n', [S, '--no-verify'], False),
    ('secure_v1_offset_error_first', APPS + 'factory,app,factory,0x21000,0x11000\n', [S], False),
    ('secure_v1_negative_size', APPS + 'factory,app,factory,,-0x3F1000\n', [S], False),
    ('secure_v1_negative_size_64k', APPS + 'factory,app,factory,,-0x400000\n', [S], False),
    ('secure_v1_size_zero', APPS + 'factory,app,factory,0x20000,0\n', [S], False),
    ('secure_v1_name_warning_not_printed', APPS + 'data,app,factory,0x20000,0x11000\n', [S], False),
    ('secure_v1_name_warning_then_fine', APPS + 'data,app,factory,0x20000,0x10000\n', [S], False),
    ('secure_v1_second_partition_fails', APPS + 'a,app,ota_0,0x20000,0x10000\nb,app,ota_1,,0x8000\nc,app,ota_2,,0x8000\n',
     [S], False),
    ('secure_v1_flash_size_after_rules', APPS + 'factory,app,factory,0x20000,0x400000\n', [S, '--flash-size', '4MB'],
     False),
    ('secure_v1_rules_before_flash_size', APPS + 'factory,app,factory,0x20000,0x401000\n', [S, '--flash-size', '4MB'],
     False),
    ('secure_v1_no_verify_flash_size', APPS + 'factory,app,factory,0x20000,0x401000\n',
     [S, '--no-verify', '--flash-size', '4MB'], False),
    ('secure_v1_table_offset', 'nvs,data,nvs,,0x6000\nfactory,app,factory,,0x18000\n', [S, '--offset', '0x10000'], False),
    ('secure_v1_with_bootloader_rows', 'bootloader,bootloader,primary,,\npartition_table,partition_table,primary,,\n'
     + APPS + 'factory,app,factory,0x20000,0x10000\n', [S, '--primary-bootloader-offset', '0x1000'], False),
    ('secure_v1_binary_app_size', APPS + 'factory,app,factory,0x20000,0x11000\n', [S], True),
    ('secure_v2_binary_app_size', APPS + 'factory,app,factory,0x20000,0x11000\n', [S, 'v2'], True),
    ('secure_v1_binary_no_verify', APPS + 'factory,app,factory,0x20000,0x11000\n', [S, '--no-verify'], True),
    ('secure_v1_binary_64k', APPS + 'factory,app,factory,0x20000,0x110000\n', [S], True),
    # --extra-partition-subtypes: type,name,value (value read as hex)
    ('extra_data_subtype', 'nvs,data,nvs,0x9000,0x6000\nfs,data,my_fs,,64K\n', [E, 'data,my_fs,0x40'], False),
    ('extra_without_option_unknown', 'nvs,data,nvs,0x9000,0x6000\nfs,data,my_fs,,64K\n', [], False),
    ('extra_value_without_prefix', 'fs,data,my_fs,0x9000,64K\n', [E, 'data,my_fs,40'], False),
    ('extra_fields_stripped', 'fs,data,my_fs,0x9000,64K\n', [E, '  data , my_fs ,  0x40 '], False),
    ('extra_several_entries', 'fs,data,fs_a,0x9000,64K\nfs2,data,fs_b,,64K\napp0,app,my_app,0x30000,1M\n'
     'b,bootloader,my_boot,0x200000,\nt,partition_table,my_pt,0x210000,\n',
     [E, 'data,fs_a,0x40', 'data,fs_b,0x41', 'app,my_app,0x40', 'bootloader,my_boot,0x7',
      'partition_table,my_pt,0x9', '--primary-bootloader-offset', '0x1000'], False),
    ('extra_known_keywords_listed', 'fs,data,nope,0x9000,64K\n', [E, 'data,my_fs,0x40', 'data,zz,0x41'], False),
    ('extra_app_keywords_listed', 'a,app,nope,0x10000,1M\n', [E, 'app,my_app,0x40'], False),
    ('extra_uppercase_name_unreachable', 'fs,data,MyFs,0x9000,64K\n', [E, 'data,MyFs,0x40'], False),
    ('extra_uppercase_name_decoded', 'fs,data,0x40,0x9000,64K\n', [E, 'data,MyFs,0x40'], True),
    ('extra_name_with_suffix_letter', 'fs,data,blk,0x9000,64K\n', [E, 'data,blk,0x40'], False),
    ('extra_empty_name', 'fs,data,0x40,0x9000,64K\nu,data,,,4K\n', [E, 'data,,0x40'], False),
    ('extra_empty_name_suffix_lookup', 'fs,data,k,0x9000,64K\n', [E, 'data,,0x41'], False),
    ('extra_numeric_looking_name', 'fs,data,0x10,0x9000,64K\nfs2,data,0x40,,64K\n', [E, 'data,0x10,0x40'], False),
    ('extra_overrides_nvs', 'nvs,data,nvs,0x9000,0x1000\n', [E, 'data,nvs,0x40'], False),
    ('extra_overrides_nvs_old_code_free', 'nvs,data,2,0x9000,0x1000\nn2,data,nvs,,0x3000\n', [E, 'data,nvs,0x40'],
     False),
    ('extra_overrides_ota', 'otadata,data,ota,0x9000,0x1000\n', [E, 'data,ota,0x40'], False),
    ('extra_overrides_ota_two', 'o1,data,ota,0x9000,0x2000\no2,data,ota,,0x2000\n', [E, 'data,ota,0x40'], False),
    ('extra_overrides_ota_readonly', 'otadata,data,ota,0x9000,0x2000,readonly\nold,data,0,,0x1000,readonly\n',
     [E, 'data,ota,0x40'], False),
    ('extra_overrides_coredump_readonly', 'cd,data,coredump,0x9000,64K,readonly\n', [E, 'data,coredump,0x40'], False),
    ('extra_overrides_tee_ota', 't,data,tee_ota,0x9000,0x1000\n', [E, 'data,tee_ota,0x41'], False),
    ('extra_overrides_undefined', 'u,data,,0x9000,4K\nc,0x40,,,4K\n', [E, 'data,undefined,0x40'], False),
    ('extra_overrides_ota_0', 'a,app,ota_0,0x10000,1M\nb,app,16,,1M\n', [E, 'app,ota_0,0x40'], False),
    ('extra_overrides_ota_0_decoded', 'a,app,ota_0,0x10000,1M\nb,app,16,,1M\n', [E, 'app,ota_0,0x40'], True),
    ('extra_overrides_primary_bootloader', 'bootloader,bootloader,primary,,\nold,bootloader,0,0x9000,\n',
     [E, 'bootloader,primary,0x5', '--primary-bootloader-offset', '0x1000'], False),
    ('extra_overrides_recovery_bootloader', 'rec,bootloader,recovery,0x9000,\n',
     [E, 'bootloader,recovery,0x5', '--primary-bootloader-offset', '0x1000'], False),
    ('extra_overrides_primary_partition_table', 'pt,partition_table,primary,0x9000,\n',
     [E, 'partition_table,primary,0x5'], False),
    ('extra_name_of_other_type', 'a,app,ota,0x10000,1M\notadata,data,ota,,8K\n', [E, 'app,ota,0x40'], False),
    ('extra_name_warning', 'nvs,data,nvs,0x9000,0x6000\nmy_fs,app,factory,0x10000,1M\nmy_app,data,my_fs,,64K\n',
     [E, 'data,my_fs,0x40', 'app,my_app,0x40'], False),
    ('extra_same_value_other_type', 'a,app,nvs_like,0x10000,1M\nnvs,data,nvs,,0x6000\n', [E, 'app,nvs_like,0x2'], False),
    ('extra_value_underscores_and_sign', 'f1,data,f1,0x9000,4K\nf2,data,f2,,4K\nf3,data,f3,,4K\n',
     [E, 'data,f1,0x_4_0', 'data,f2,+41', 'data,f3,0b1'], False),
    ('extra_value_uppercase_prefix', 'f1,data,f1,0x9000,4K\n', [E, 'data,f1,0X4A'], False),
    ('extra_more_than_three_fields', 'f1,data,f1,0x9000,4K\n', [E, 'data,f1,0x40,whatever,else'], False),
    ('extra_no_entries', 'nvs,data,nvs,0x9000,0x6000\n', [E], False),
    ('extra_negative_value_unused', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,neg,-1'], False),
    ('extra_negative_value_used', 'nvs,data,neg,0x9000,0x6000\n', [E, 'data,neg,-1'], False),
    ('extra_value_above_byte_unused', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,big,0x100'], False),
    ('extra_value_above_byte_used', 'nvs,data,big,0x9000,0x6000\n', [E, 'data,big,0x100'], False),
    ('extra_with_secure', APPS + 'a,app,my_app,0x20000,0x18000\n', [E, 'app,my_app,0x40', S], False),
    ('extra_with_secure_before', APPS + 'a,app,my_app,0x20000,0x18000\n', [S, 'v2', E, 'app,my_app,0x40'], False),
    ('extra_binary_decoded', 'nvs,data,nvs,0x9000,0x6000\nfs,data,0x40,,64K\na,app,0x40,0x20000,1M\n',
     [E, 'data,my_fs,0x40', 'app,my_app,0x40'], True),
    ('extra_binary_rules_use_overrides', 'nvs,data,0x40,0x9000,0x1000\n', [E, 'data,nvs,0x40'], True),
    ('extra_flash_size', 'fs,data,my_fs,0x9000,0x400000\n', [E, 'data,my_fs,0x40', '--flash-size', '4MB'], False),
    # bad entries: the tool's own InputError (exit 2) or a crash (exit 1)
    ('extra_duplicate_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,foo,0x02'], False),
    ('extra_duplicate_value_undefined', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,foo,6'], False),
    ('extra_duplicate_within_extras', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,a,0x40', 'data,b,0x40'], False),
    ('extra_duplicate_same_name_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,nvs,0x2'], False),
    ('extra_bad_type_known_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'foo,bar,0x02'], False),
    ('extra_bad_type_fresh_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'foo,bar,0x77'], False),
    ('extra_numeric_type_known_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, '0x01,bar,0x01'], False),
    ('extra_numeric_type_fresh_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, '0x40,bar,0x77'], False),
    ('extra_uppercase_type_known_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'DATA,bar,0x20'], False),
    ('extra_uppercase_type_fresh_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'DATA,bar,0x77'], False),
    ('extra_empty_type_known_value', 'nvs,data,nvs,0x9000,0x6000\n', [E, ',bar,0x0'], False),
    ('extra_value_not_hex', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,bar,zz'], False),
    ('extra_value_empty', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,bar,'], False),
    ('extra_value_octal_prefix', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,bar,0o7'], False),
    ('extra_too_few_fields', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,bar'], False),
    ('extra_single_field', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data'], False),
    ('extra_good_then_bad', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'data,a,0x40', 'data,b'], False),
    ('extra_bad_entry_before_bad_csv', 'nvs,data,nope,0x9000,0x6000\n', [E, 'foo,bar,0x02'], False),
    ('extra_bad_entry_binary_input', 'nvs,data,nvs,0x9000,0x6000\n', [E, 'foo,bar,0x02'], True),
]


def sweep(n, seed):
    rnd = random.Random(seed)
    names = ['nvs', 'otadata', 'phy', 'factory', 'ota_0', 'ota_1', 'fs', 'my_fs', 'my_app', 'data', 'app', 'x']
    extras = ['data,my_fs,0x40', 'data,fs2,41', 'app,my_app,0x40', 'data,nvs,0x50', 'data,ota,0x51',
              'data,undefined,0x52', 'bootloader,my_boot,0x7', 'app,ota_0,0x42', 'data,MyFs,0x43', 'data,coredump,0x54']
    bad = ['data,dup,0x2', 'foo,bar,0x2', 'foo,bar,0x77', 'data,bad,zz', 'data,short', 'app,tee_x,0x30']
    subtypes = {'app': ['factory', 'ota_0', 'ota_1', 'my_app', 'test', '0x40', 'nope'],
                'data': ['nvs', 'ota', 'phy', 'my_fs', 'fs2', 'undefined', '', 'coredump', '0x50', 'MyFs', 'myfs']}
    sizes = ['0x1000', '0x2000', '0x3000', '0x6000', '0x800', '0x11000', '0x10000', '64K', '1M', '0x180000', '-0x300000']
    cases = []
    for i in range(n):
        rows = []
        for _ in range(rnd.randint(1, 5)):
            t = rnd.choice(['app', 'data', 'data'])
            off = rnd.choice(['', '', '', '', '', '', '0x9000', '0x10000', '0x20000', '0x21000', '0x110000'])
            flags = rnd.choice(['', '', '', 'readonly', 'encrypted'])
            rows.append(','.join([rnd.choice(names), t, rnd.choice(subtypes[t]), off, rnd.choice(sizes), flags]))
        options = []
        secure = rnd.choice([None, None, 'alone', 'v1', 'v2'])
        if secure:
            options += ['--secure'] + ([] if secure == 'alone' else [secure])
        if rnd.random() < 0.2:
            options.append('--no-verify')
        if rnd.random() < 0.15:
            options += ['--flash-size', rnd.choice(['1MB', '2MB', '4MB'])]
        if rnd.random() < 0.7:
            options += ['--extra-partition-subtypes'] + rnd.sample(extras, rnd.randint(0, 3))
            if rnd.random() < 0.1:
                options.insert(rnd.randint(options.index('--extra-partition-subtypes') + 1, len(options)), rnd.choice(bad))
        cases.append(('sweep_%04d' % i, '\n'.join(rows) + '\n', options, rnd.random() < 0.3))
    return cases


def run(args, cwd):
    p = subprocess.run(['/usr/bin/python3', GEN, '-q'] + args, cwd=cwd, env={}, capture_output=True)
    stderr = p.stderr.decode('utf-8')
    crash = None
    if 'Traceback (most recent call last):' in stderr:
        before, _, trace = stderr.partition('Traceback (most recent call last):')
        stderr, crash = before, trace.strip().splitlines()[-1]
    return p.returncode, p.stdout, stderr, crash


def rows_hex(b):
    rows = [b[i:i + 32] for i in range(0, len(b), 32)]
    while rows and rows[-1] == b'\xff' * 32:
        rows.pop()
    return '\n'.join(r.hex() for r in rows) + '\n'


def freeze(name, csv, options, binary):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, 'in.csv'), 'w', encoding='utf-8') as f:
            f.write(csv)
        case = {'name': name, 'csv': csv, 'options': options}
        if binary:
            build = [o for o in options if o.startswith('--extra') or ',' in o]
            code, _, err, crash = run(['in.csv', 'in.bin', '--no-verify'] + build, d)
            if code != 0:  # the binary is made without the bad entries
                code, _, err, crash = run(['in.csv', 'in.bin', '--no-verify'], d)
            if code != 0:  # not even a binary can be made of it
                return None
            data = open(os.path.join(d, 'in.bin'), 'rb').read()
            case['input_hex'] = rows_hex(data)
            code, out, err, crash = run(['in.bin'] + options, d)
            case.update(exit=code, stderr=err, crash=crash, stdout=out.decode('utf-8'))
            return case
        code, _, err, crash = run(['in.csv', 'out.bin'] + options, d)
        case.update(exit=code, stderr=err, crash=crash)
        out = os.path.join(d, 'out.bin')
        if code == 0:
            data = open(out, 'rb').read()
            used = len(rows_hex(data)) // 65 * 32
            assert len(data) == 0xC00 and data[used:] == b'\xff' * (0xC00 - used), name
            case['binary_hex'] = rows_hex(data)
            case['binary_md5'] = hashlib.md5(data).hexdigest()
            dcode, dout, derr, dcrash = run(['out.bin'] + options, d)
            case['decoded'] = {'exit': dcode, 'stdout': dout.decode('utf-8'), 'stderr': derr, 'crash': dcrash}
        else:
            assert not os.path.exists(out), name
        return case


if len(sys.argv) > 3 and sys.argv[3] == '--sweep':
    CASES = sweep(int(sys.argv[4]), int(sys.argv[5]))
cases = [c for c in (freeze(*c) for c in CASES) if c is not None]
assert len({c['name'] for c in cases}) == len(cases)
with open(OUT, 'w', encoding='utf-8') as f:
    json.dump({'tool': 'gen_esp32part.py v1.5 (ESP-IDF v5.5)', 'md5_of_tool': hashlib.md5(open(GEN, 'rb').read()).hexdigest(), 'cases': cases}, f, indent=1,
              ensure_ascii=False)
    f.write('\n')
print(len(cases), 'cases;', sum(1 for c in cases if c['crash']), 'crash')
