# KIỂM TRA BẢN SAO NGOẠI TUYẾN
# Tệp này do KIEM-TRA.bat (cùng thư mục) chạy: hãy nhấp đúp vào KIEM-TRA.bat.
# Nó tính mã SHA-256 của mọi tệp ghi trong SHA256SUMS, so với mã ghi ở đó, rồi báo số tệp khớp
# mã và tên các tệp bị thiếu hoặc khác mã. Không sửa tệp nào, không gửi gì đi đâu.
# Cần Windows PowerShell 4 trở lên (có sẵn trên Windows 8.1, 10 và 11).

$ErrorActionPreference = 'Stop'
trap {
    Write-Host "Lỗi, chưa kiểm tra xong: $_" -ForegroundColor Red
    exit 2
}

if ($PSVersionTable.PSVersion.Major -lt 4) {
    Write-Host "Windows PowerShell trên máy này quá cũ (phiên bản $($PSVersionTable.PSVersion)): không kiểm tra được." -ForegroundColor Red
    Write-Host 'Hãy kiểm tra trên máy Windows 10 hoặc 11, hoặc cài Windows Management Framework 5.1.'
    exit 2
}

$root = $PSScriptRoot
$sums = Join-Path $root 'SHA256SUMS'
Write-Host "Kiểm tra bản sao trong thư mục: $root"
if (-not [System.IO.File]::Exists($sums)) {
    Write-Host 'Không tìm thấy tệp SHA256SUMS bên cạnh KIEM-TRA.bat: không kiểm tra được.' -ForegroundColor Red
    Write-Host 'Hãy giải nén toàn bộ tệp .zip, rồi nhấp đúp vào KIEM-TRA.bat trong thư mục vừa giải nén.'
    exit 2
}
Write-Host 'Đang tính mã SHA-256 của từng tệp, xin chờ...'

# SHA256SUMS: one line per file, "<64 hexadecimal digits>  <path with / between folders>", UTF-8.
$lines = [System.IO.File]::ReadAllLines($sums, (New-Object System.Text.UTF8Encoding $false))
$ok = 0
$missing = New-Object System.Collections.Generic.List[string]
$altered = New-Object System.Collections.Generic.List[string]
$malformed = New-Object System.Collections.Generic.List[string]
$number = 0
foreach ($line in $lines) {
    $number++
    if ($line.Trim() -eq '') { continue }
    if (-not ($line -match '^([0-9A-Fa-f]{64}) [ *](.+)$')) {
        $malformed.Add("dòng ${number}: $line")
        continue
    }
    $expected = $Matches[1].ToLowerInvariant()
    $rel = $Matches[2]
    if ($rel.StartsWith('/') -or $rel.Contains('\') -or $rel.Contains(':') -or
            ('/' + $rel + '/').Contains('/../')) {
        $malformed.Add("dòng ${number}: $rel (đường dẫn ra ngoài thư mục)")
        continue
    }
    $path = [System.IO.Path]::Combine($root, $rel.Replace('/', [System.IO.Path]::DirectorySeparatorChar))
    if (-not [System.IO.File]::Exists($path)) {
        $missing.Add($rel)
        continue
    }
    try {
        $actual = (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash.ToLowerInvariant()
    } catch {
        $altered.Add("$rel (không đọc được tệp)")
        continue
    }
    if ($actual -eq $expected) { $ok++ } else { $altered.Add($rel) }
}

$checked = $ok + $missing.Count + $altered.Count
Write-Host ''
Write-Host "Đã kiểm tra $checked tệp ghi trong SHA256SUMS: $ok tệp khớp mã (OK)."
if ($missing.Count -gt 0) {
    Write-Host "THIẾU $($missing.Count) tệp:" -ForegroundColor Red
    foreach ($rel in $missing) { Write-Host "  $rel" }
}
if ($altered.Count -gt 0) {
    Write-Host "KHÁC MÃ (bị hỏng hoặc bị sửa) $($altered.Count) tệp:" -ForegroundColor Red
    foreach ($rel in $altered) { Write-Host "  $rel" }
}
if ($malformed.Count -gt 0) {
    Write-Host "SHA256SUMS có $($malformed.Count) dòng sai dạng:" -ForegroundColor Red
    foreach ($entry in $malformed) { Write-Host "  $entry" }
}

$whole = ($checked -gt 0) -and ($ok -eq $checked) -and ($malformed.Count -eq 0)
Write-Host ''
if ($whole) {
    Write-Host 'KẾT QUẢ: BẢN SAO ĐẦY ĐỦ, KHÔNG BỊ HỎNG.' -ForegroundColor Green
} else {
    Write-Host 'KẾT QUẢ: BẢN SAO KHÔNG ĐẦY ĐỦ HOẶC ĐÃ BỊ HỎNG. Hãy chép lại bản sao từ nguồn gốc.' -ForegroundColor Red
}
# No digest of SHA256SUMS here: whoever alters the copy can alter this script too, so that
# comparison is typed by hand (DOC-TRUOC.txt says how).
Write-Host 'Kết quả này cho biết bản sao không bị hỏng khi sao chép, không cho biết ai làm ra bản sao:'
Write-Host 'xem DOC-TRUOC.txt, phần "MÃ KIỂM TRA CHO BIẾT GÌ, KHÔNG CHO BIẾT GÌ".'
if ($whole) { exit 0 } else { exit 1 }
