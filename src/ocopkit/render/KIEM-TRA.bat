@echo off
rem Kiem tra ban sao ngoai tuyen: nhap dup vao tep nay.
rem KIEM-TRA.ps1 (cung thu muc) tinh ma SHA-256 cua moi tep ghi trong SHA256SUMS va so sanh.
rem Khong sua tep nao, khong gui gi di dau.
setlocal
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0KIEM-TRA.ps1"
set "KETQUA=%ERRORLEVEL%"
if "%KETQUA%"=="9009" echo Khong tim thay Windows PowerShell (powershell.exe) tren may nay.
echo.
pause
exit /b %KETQUA%
